// One MoveController per tracked camera, created on the first move: the frame composer adds their offsets, the
// engine advances them once per tick, and whoever starts moves (the AI director, a human) looks them up here.
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { MoveController } from './MoveController.ts';
import type { MoveEvent, SafeVolume } from './moveTypes.ts';

export interface CameraMovesOptions {
  /** Box every moved camera is kept inside, m. */
  safeVolume?: SafeVolume | undefined;
  /** Every controller's events, with the camera they happened on. */
  onEvent?: (cameraId: string, event: MoveEvent) => void;
}

export class CameraMoves {
  private readonly controllers = new Map<string, MoveController>();
  private readonly options: CameraMovesOptions;

  constructor(options: CameraMovesOptions = {}) {
    this.options = options;
  }

  /** The camera's controller, created (at rest, no offset) if it has none yet. */
  controllerFor(cameraId: string): MoveController {
    let controller = this.controllers.get(cameraId);
    if (!controller) {
      const onEvent = this.options.onEvent;
      controller = new MoveController({
        cameraId,
        ...(this.options.safeVolume && { safeVolume: this.options.safeVolume }),
        ...(onEvent && { onEvent: (e: MoveEvent) => onEvent(cameraId, e) }),
      });
      this.controllers.set(cameraId, controller);
    }
    return controller;
  }

  /** The camera's controller if a move ever ran on it. */
  get(cameraId: string): MoveController | undefined {
    return this.controllers.get(cameraId);
  }

  /** Once per tick, before the frame is composed. */
  update(nowS: number): void {
    for (const controller of this.controllers.values()) controller.update(nowS);
  }

  /** Adds the camera's current move offset to its tracked pose, in place (identity when it never moved). */
  apply(cameraId: string, position: Vec3, rotation: Quat): void {
    this.controllers.get(cameraId)?.apply(cameraId, position, rotation);
  }
}
