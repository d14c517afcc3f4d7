// The camera whose inner frustum the walls show; a director or operator switches it (`camera.select`), others see it.
import { useConsole, useCan, useSession } from '../state/ConsoleContext.ts';

export function CameraSelect() {
  const session = useSession();
  const canSelect = useCan('camera.select');
  const activeId = useConsole((s) => s.frame?.activeCameraId ?? s.hello?.activeCameraId ?? null);
  // A string key keeps the selector stable between 5 Hz frame refreshes.
  const idsKey = useConsole((s) => s.frame?.cameras.map((c) => c.id).join('\n') ?? '');
  const ids = idsKey ? idsKey.split('\n') : [];
  const labels = useConsole((s) => s.hello?.stage.cameras);
  const label = (id: string) => labels?.find((c) => c.id === id)?.label;
  return (
    <div className="camsel">
      <div>
        <div className="label">Active camera</div>
      </div>
      <select
        data-testid="camera-select"
        aria-label="active camera"
        value={activeId ?? ''}
        disabled={!canSelect || ids.length === 0}
        title={canSelect ? 'switch the camera the walls follow (C cycles)' : 'your role cannot switch cameras'}
        onChange={(e) => void session.command('camera.select', { cameraId: e.target.value })}
      >
        {ids.length === 0 && <option value={activeId ?? ''}>{activeId ?? 'no camera'}</option>}
        {ids.map((id) => (
          <option key={id} value={id} title={label(id)}>
            {id}
          </option>
        ))}
      </select>
    </div>
  );
}
