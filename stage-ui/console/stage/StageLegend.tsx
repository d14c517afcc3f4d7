// What the stage view's colours mean, in one line at the bottom left.
export function StageLegend() {
  return (
    <div className="overlay bl">
      <span className="hud legend" style={{ gap: 14, fontSize: 13 }}>
        <span><i style={{ background: 'linear-gradient(90deg, #ffb020 50%, #36cfc9 50%)' }} />cameras · inner frusta (each in its colour)</span>
        <span><i style={{ background: '#5ce1e6' }} />AI ghost</span>
        <span><i style={{ background: '#b48cff' }} />talent</span>
        <span><i style={{ background: '#f3a712' }} />point of interest</span>
      </span>
    </div>
  );
}
