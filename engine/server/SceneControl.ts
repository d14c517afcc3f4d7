// Which scene the walls show, and the swap policy: every wall preloads a new scene and swaps on the same frame, a
// hot-reloaded edit swaps sooner, an invalid edit keeps the old version and says why.
import type { Vec3 } from '../../camera-bridge/CameraSample.ts';
import type { PointOfInterest } from '../director/DirectorInput.ts';
import type { Logger } from '../log/createLogger.ts';
import type { SceneLoadedWire, SceneRefWire, ServerMessage } from '../protocol/LiveMessages.ts';
import { DEMO_SCENE, DEMO_SCENE_POIS } from '../scene/demoScene.ts';
import type { SceneLibrary, SceneLibraryEvent, SceneListEntry } from '../scene/SceneLibrary.ts';

/** Clients preload a new scene for this long before every wall swaps to it on the same frame, s. */
export const SCENE_SWAP_DELAY_S = 1;
/** A hot-reloaded scene swaps sooner: the edit should show within a second. */
export const SCENE_RELOAD_SWAP_DELAY_S = 0.4;

export interface SceneControlOptions {
  fps: number;
  log: Logger;
  /** The last published frame number. */
  currentFrame: () => number;
  broadcast: (message: ServerMessage) => void;
  /** The walls show another scene (or a new version of it): its points of interest. */
  onSceneChanged: (pois: PointOfInterest[]) => void;
}

export class SceneControl {
  /** What the walls show (or are about to, from `swapAtFrame`). */
  current: SceneRefWire = { ...DEMO_SCENE, version: 0, swapAtFrame: 0 };
  library: SceneLibrary | undefined;
  private readonly options: SceneControlOptions;

  constructor(options: SceneControlOptions) {
    this.options = options;
  }

  /** Scene files from now on: invalid ones are logged, edits to the current one hot-reload. */
  attach(library: SceneLibrary): void {
    this.library = library;
    for (const s of library.list().filter((x) => !x.valid)) this.options.log.warn({ scene: s.id, error: s.error }, 'scene file invalid');
    library.on((e) => this.onFileEvent(e));
  }

  /** `scene.load`: the name of a valid scene, else VP_ERR_UNKNOWN_SCENE. */
  load(sceneId: string): SceneRefWire {
    const name = sceneId === DEMO_SCENE.id ? DEMO_SCENE.name : this.library?.get(sceneId)?.name;
    if (!name) throw new Error(`VP_ERR_UNKNOWN_SCENE: ${sceneId} is not a valid scene`);
    return this.switchTo(sceneId, name, SCENE_SWAP_DELAY_S);
  }

  /** At start: the walls open on `sceneId` from frame 0; false (the plaza stays) when it is not a valid scene. */
  open(sceneId: string): boolean {
    if (sceneId === DEMO_SCENE.id) return true;
    const name = this.library?.get(sceneId)?.name;
    if (!name) return false;
    this.current = { id: sceneId, name, version: 0, swapAtFrame: 0 };
    this.options.onSceneChanged(this.pois());
    return true;
  }

  /** Points of interest of the current scene (copies). */
  pois(): PointOfInterest[] {
    if (this.current.id === DEMO_SCENE.id) return DEMO_SCENE_POIS;
    return this.library?.get(this.current.id)?.pointsOfInterest.map((p) => ({ ...p, position: [...p.position] as Vec3 })) ?? [];
  }

  list(): SceneListEntry[] {
    const demo = { id: DEMO_SCENE.id, name: DEMO_SCENE.name, description: 'Built-in procedural plaza', poisCount: DEMO_SCENE_POIS.length, valid: true };
    return [demo, ...(this.library?.list() ?? [])];
  }

  /** Every wall swaps to `sceneId` on the same frame, `delayS` from now, after preloading it. */
  private switchTo(sceneId: string, name: string, delayS: number): SceneRefWire {
    const swapAtFrame = Math.max(0, this.options.currentFrame()) + Math.round(delayS * this.options.fps);
    this.current = { id: sceneId, name, version: (this.current.version ?? 0) + 1, swapAtFrame };
    this.options.onSceneChanged(this.pois());
    // With the new scene's points of interest: every open console relabels its stage view and suggestions from it.
    const data: SceneLoadedWire = { ...this.current, pois: this.pois().map(({ id, name, position }) => ({ id, name, position: [...position] })) };
    this.options.broadcast({ type: 'event', name: 'scene.loaded', data });
    return this.current;
  }

  private onFileEvent(e: SceneLibraryEvent): void {
    const { log, broadcast } = this.options;
    if (e.type === 'invalid') {
      log.warn({ scene: e.id, error: e.error }, 'scene edit invalid: keeping the previous version');
      broadcast({ type: 'event', name: 'scene.invalid', data: { id: e.id, error: e.error } });
      return;
    }
    if (e.id !== this.current.id) return;
    if (!e.manifest) return; // deleted: keep showing what is loaded
    log.info({ scene: e.id }, 'scene changed on disk: reloading');
    this.switchTo(e.id, e.manifest.name, SCENE_RELOAD_SWAP_DELAY_S);
  }
}
