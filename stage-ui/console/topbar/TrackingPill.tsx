// Tracking state of the active camera at a glance: a big red pill when it is stale (the walls freeze on its last pose).
import { useConsole } from '../state/ConsoleContext.ts';

export function TrackingPill() {
  const state = useConsole((s) => {
    const f = s.frame;
    if (!f) return 'none';
    const cam = f.cameras.find((c) => c.id === f.activeCameraId);
    if (!cam) return 'none';
    return cam.stale ? 'stale' : 'ok';
  });
  if (state === 'ok')
    return (
      <span className="pill ok" data-testid="tracking-state" data-state="ok">
        <span className="led" /> Tracking
      </span>
    );
  if (state === 'stale')
    return (
      <span className="pill bad" data-testid="tracking-state" data-state="stale">
        Tracking lost
      </span>
    );
  return (
    <span className="pill warn" data-testid="tracking-state" data-state="none">
      No camera
    </span>
  );
}
