// Each camera's inner-frustum settings (enabled, priority, overscan, colour): from the stage file for listed cameras,
// defaults for cameras seen only on tracking, changed live by `camera.frustum`. Read by the composer every tick.
import { DEFAULT_OVERSCAN_PCT } from '../stage/StageConfig.ts';
import { paletteColor, type StageCamera } from '../stage/Stage.ts';

export interface CameraFrustumSettings {
  enabled: boolean;
  /** Lower is drawn on top where frusta overlap. */
  priority: number;
  /** Margin beyond the lens's field of view, %. */
  overscanPct: number;
  /** `#rrggbb` */
  color: string;
}

/** Cameras the stage does not list come after every listed one, in the order they were first seen. */
export const UNLISTED_PRIORITY_BASE = 500;

export type FrustumPatch = Partial<Pick<CameraFrustumSettings, 'enabled' | 'priority' | 'overscanPct'>>;

export class InnerFrustumSettings {
  private readonly byId = new Map<string, CameraFrustumSettings>();
  private readonly listedCount: number;
  private unlisted = 0;

  constructor(cameras: readonly StageCamera[]) {
    for (const c of cameras) this.byId.set(c.id, { ...c.innerFrustum, color: c.color });
    this.listedCount = cameras.length;
  }

  /** The camera's settings (a live object), created with defaults the first time an unlisted camera is asked for. */
  get(cameraId: string): CameraFrustumSettings {
    let s = this.byId.get(cameraId);
    if (!s) {
      const n = this.unlisted++;
      s = { enabled: true, priority: UNLISTED_PRIORITY_BASE + n, overscanPct: DEFAULT_OVERSCAN_PCT, color: paletteColor(this.listedCount + n) };
      this.byId.set(cameraId, s);
    }
    return s;
  }

  configure(cameraId: string, patch: FrustumPatch): CameraFrustumSettings {
    const s = this.get(cameraId);
    if (patch.enabled !== undefined) s.enabled = patch.enabled;
    if (patch.priority !== undefined) s.priority = patch.priority;
    if (patch.overscanPct !== undefined) s.overscanPct = patch.overscanPct;
    return s;
  }
}
