// The cameras on the volume, at the stage view's top right: each in its colour, which one is the hero (the console's
// camera view and the AI follow it; click to switch), whether its inner frustum is on the walls, and which frustum
// is on top where they overlap. Operators and directors change them (`camera.select`, `camera.frustum`).
import type { CameraFrameWire } from '../../../engine/protocol/LiveMessages.ts';
import { useCan, useConsole, useSession } from '../state/ConsoleContext.ts';

/** One row's worth of a frame camera, as a string key so the list re-renders only when something shown changes. */
function rowKey(c: CameraFrameWire, heroId: string | null): string {
  return [c.id, c.color, c.id === heroId ? 'hero' : '', c.stale ? 'stale' : '', c.innerFrustum.enabled ? 'on' : 'off', c.innerFrustum.priority, c.lens.focalLengthMm.toFixed(0)].join('\t');
}

export function StageCameras() {
  const session = useSession();
  const canSelect = useCan('camera.select');
  const canFrustum = useCan('camera.frustum');
  const key = useConsole((s) => s.frame?.cameras.map((c) => rowKey(c, s.frame!.activeCameraId)).join('\n') ?? '');
  const labels = useConsole((s) => s.hello?.stage.cameras);
  if (!key) return null;
  const rows = key.split('\n').map((line) => {
    const [id = '', color = '', hero, stale, on, priority = '0', focal = ''] = line.split('\t');
    return { id, color, hero: hero === 'hero', stale: stale === 'stale', on: on === 'on', priority: Number(priority), focal };
  });
  // Top of the overlap order: the enabled camera with the lowest priority number.
  const topPriority = Math.min(...rows.filter((r) => r.on).map((r) => r.priority));
  return (
    <div className="stage-cams" data-testid="stage-cameras">
      {rows.map((r) => (
        <div key={r.id} className={`stage-cam${r.hero ? ' hero' : ''}${r.stale ? ' stale' : ''}`} data-testid={`stage-cam-${r.id}`} title={labels?.find((c) => c.id === r.id)?.label}>
          <i className="swatch" style={{ background: r.color }} />
          <button
            className="cam-name"
            disabled={!canSelect || r.hero}
            title={r.hero ? 'hero camera: the camera view and the AI follow it' : canSelect ? 'make this the hero camera (C cycles)' : 'your role cannot switch cameras'}
            onClick={() => void session.command('camera.select', { cameraId: r.id })}
          >
            {r.id}
          </button>
          <span className="dim">{r.focal} mm</span>
          {r.hero && <span className="tag hero-tag">HERO</span>}
          {r.stale && <span className="tag stale-tag">STALE</span>}
          <label className="cam-walls" title={canFrustum ? 'show this camera\'s inner frustum on the walls' : 'your role cannot change frusta'}>
            <input
              type="checkbox"
              data-testid={`frustum-enabled-${r.id}`}
              checked={r.on}
              disabled={!canFrustum}
              onChange={(e) => void session.command('camera.frustum', { cameraId: r.id, enabled: e.target.checked })}
            />
            walls
          </label>
          <button
            className="cam-top"
            data-testid={`frustum-top-${r.id}`}
            disabled={!canFrustum || !r.on || r.priority === topPriority}
            title={r.priority === topPriority ? 'on top where frusta overlap' : 'put this frustum on top where frusta overlap'}
            onClick={() => void session.command('camera.frustum', { cameraId: r.id, priority: Math.max(0, topPriority - 1) })}
          >
            {r.on && r.priority === topPriority ? 'on top' : 'to top'}
          </button>
        </div>
      ))}
    </div>
  );
}
