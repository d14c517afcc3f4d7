// Always-visible state, large enough to read from a few metres: timecode, active camera, tracking, take tallies,
// role, connection.
import { useConsole, useStore } from '../state/ConsoleContext.ts';
import { CameraSelect } from './CameraSelect.tsx';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { TakeTally } from './TakeTally.tsx';
import { Timecode } from './Timecode.tsx';
import { TrackingPill } from './TrackingPill.tsx';

export function TopBar() {
  const store = useStore();
  const stageName = useConsole((s) => s.hello?.stage.name ?? '');
  const sceneName = useConsole((s) => s.hello?.scene.name ?? '');
  const role = useConsole((s) => s.hello?.role ?? null);
  return (
    <header className="panel area-top topbar" data-testid="topbar">
      <div className="brand">
        <span className="logo">VANTAGE</span>
        <span className="where" title={`${stageName} · ${sceneName}`}>
          {stageName ? `${sceneName} · ${stageName}` : 'director console'}
        </span>
      </div>
      <span className="sep" />
      <Timecode />
      <span className="sep" />
      <CameraSelect />
      <TrackingPill />
      <TakeTally />
      <span className="grow" />
      {role && (
        <span className="pill role" data-testid="role" title="your role: the console shows only what it may do">
          {role}
        </span>
      )}
      <ConnectionBadge />
      <button type="button" className="btn small ghosted" title="keyboard shortcuts (?)" onClick={() => store.set((s) => ({ helpOpen: !s.helpOpen }))}>
        <kbd>?</kbd>
      </button>
    </header>
  );
}
