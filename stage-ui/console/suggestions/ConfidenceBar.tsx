// A suggestion's confidence as a bar and a percentage (amber below 50 %).
export function ConfidenceBar({ confidence }: { confidence: number }) {
  const pct = Math.round(Math.max(0, Math.min(1, confidence)) * 100);
  return (
    <div className="conf" title="model confidence">
      <div className="bar">
        <div className={`fill${pct < 50 ? ' low' : ''}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="pct">{pct}%</span>
    </div>
  );
}
