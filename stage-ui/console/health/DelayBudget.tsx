// The hero camera's delay from tracker to LEDs (health.delayBudget): each stage's share as a bar, measured or
// configured, what the walls' prediction covers, and the pan-stop test switch an operator calibrates it with.
import { useState } from 'react';
import type { DelayBudgetWire } from '../../../engine/protocol/health.ts';
import { useCan, useConsole, useSession } from '../state/ConsoleContext.ts';

const STAGES = [
  ['tracker', 'Tracker', '#5ce1e6'],
  ['engine', 'Engine', '#ffb020'],
  ['node', 'Render node', '#b48cff'],
  ['display', 'LED processor', '#ff7a45'],
] as const;

export function DelayBudget({ budget }: { budget: DelayBudgetWire }) {
  const session = useSession();
  const canCalibrate = useCan('walls.calibration');
  const gridOn = useConsole((s) => s.frame?.calibration === 'grid');
  const [busy, setBusy] = useState(false);
  const total = Math.max(1, budget.totalMs);
  return (
    <div className="delay-budget" data-testid="delay-budget">
      <div className="delay-bar" title={`camera ${budget.cameraId ?? '—'}: ${budget.totalMs.toFixed(1)} ms from tracker to LEDs`}>
        {STAGES.map(([key, , color]) => {
          const ms = budget[key].ms ?? 0;
          return ms > 0 ? <i key={key} style={{ width: `${(100 * ms) / total}%`, background: color }} /> : null;
        })}
      </div>
      <table className="mini">
        <tbody>
          {STAGES.map(([key, label, color]) => (
            <tr key={key} title={budget[key].what}>
              <td>
                <i className="swatch" style={{ background: color }} /> {label}
              </td>
              <td className="num">{budget[key].ms === null ? '—' : `${budget[key].ms!.toFixed(1)} ms`}</td>
              <td className={`dim how-${budget[key].how}`}>{budget[key].how}</td>
            </tr>
          ))}
          <tr className="total">
            <td>Total</td>
            <td className="num" data-testid="delay-total">{budget.totalMs.toFixed(1)} ms</td>
            <td className="dim">walls predict {budget.predictedMs.toFixed(0)} ms ahead</td>
          </tr>
        </tbody>
      </table>
      <label className="calib" title="every inner frustum shows a grid fixed in the virtual world: pan, stop, and tune the source's latency offset until it stops slipping">
        <input
          type="checkbox"
          data-testid="calibration-grid"
          checked={gridOn}
          disabled={!canCalibrate || busy}
          onChange={(e) => {
            setBusy(true);
            void session.command('walls.calibration', { grid: e.target.checked }).finally(() => setBusy(false));
          }}
        />
        Pan-stop test grid on the walls
      </label>
    </div>
  );
}
