// Keeps the scene a page renders and swaps to a new one only once it is loaded and the engine frame has reached the
// scene's `swapAtFrame`: walls never go black, and every wall changes on the same frame.
import * as THREE from 'three';
import type { SceneRefWire } from '../../engine/protocol/LiveMessages.ts';
import type { SceneManifest } from '../../engine/protocol/SceneManifest.ts';
import { createDemoEnvironment } from './DemoEnvironment.ts';
import { loadSceneManifest, type SceneLoadProgress } from './loadSceneManifest.ts';

export interface ActiveScene {
  id: string;
  version: number;
  scene: THREE.Scene;
  exposure: number;
  ledGain: [number, number, number] | undefined;
  dispose(): void;
}

export interface SceneSwitcherOptions {
  onProgress?: (ref: SceneRefWire, progress: SceneLoadProgress) => void;
  onError?: (ref: SceneRefWire, error: Error) => void;
}

export class SceneSwitcher {
  current: ActiveScene | undefined;
  /** What is loading (or loaded and waiting for its frame). */
  private pending: { ref: SceneRefWire; ready?: ActiveScene; abort: AbortController } | undefined;

  constructor(private readonly options: SceneSwitcherOptions = {}) {}

  /** The engine named a scene (hello or `scene.loaded`): load it unless it is what we show or already loading. */
  request(ref: SceneRefWire): void {
    const version = ref.version ?? 0;
    if (this.pending && this.pending.ref.id === ref.id && (this.pending.ref.version ?? 0) === version) {
      this.pending.ref = ref; // a newer swap frame for the same load
      return;
    }
    if (!this.pending && this.current && this.current.id === ref.id && this.current.version === version) return;
    this.pending?.abort.abort();
    this.pending?.ready?.dispose();
    const abort = new AbortController();
    const pending: NonNullable<SceneSwitcher['pending']> = { ref, abort };
    this.pending = pending;
    void this.load(ref, abort.signal).then(
      (ready) => {
        if (this.pending === pending) pending.ready = ready;
        else ready.dispose();
      },
      (err: Error) => {
        if (this.pending === pending) this.pending = undefined;
        if (!abort.signal.aborted) this.options.onError?.(ref, err);
      },
    );
  }

  /** Call once per engine frame before rendering; true when the scene changed on this frame. */
  update(frame: number): boolean {
    const p = this.pending;
    if (!p?.ready) return false;
    // The first scene shows as soon as it is loaded: there is nothing to keep on screen meanwhile.
    if (this.current && frame < (p.ref.swapAtFrame ?? 0)) return false;
    this.current?.dispose();
    this.current = p.ready;
    this.pending = undefined;
    return true;
  }

  get loadingId(): string | undefined {
    return this.pending && !this.pending.ready ? this.pending.ref.id : undefined;
  }

  private load(ref: SceneRefWire, signal: AbortSignal): Promise<ActiveScene> {
    return loadSceneById(ref.id, ref.version ?? 0, signal, (pr) => this.options.onProgress?.(ref, pr));
  }
}

/** The built-in demo (procedural) or a scene file served by the engine at `/scenes/<id>.json`, loaded for rendering. */
export async function loadSceneById(id: string, version: number, signal?: AbortSignal, onProgress?: (p: SceneLoadProgress) => void): Promise<ActiveScene> {
  if (id === 'demo') {
    const scene = createDemoEnvironment();
    return { id, version, scene, exposure: 1, ledGain: undefined, dispose: () => disposeScene(scene) };
  }
  const manifestUrl = new URL(`/scenes/${encodeURIComponent(id)}.json?v=${version}`, location.href);
  const res = await fetch(manifestUrl, { cache: 'no-store', ...(signal && { signal }) });
  if (!res.ok) throw new Error(`scene ${id}: HTTP ${res.status}`);
  const manifest = (await res.json()) as SceneManifest;
  const loaded = await loadSceneManifest(manifest, { manifestUrl, ...(signal && { signal }), ...(onProgress && { onProgress }) });
  return { id, version, scene: loaded.scene, exposure: loaded.exposure, ledGain: loaded.ledGain, dispose: () => loaded.dispose() };
}

function disposeScene(scene: THREE.Scene): void {
  scene.traverse((o) => {
    const mesh = o as THREE.Mesh;
    mesh.geometry?.dispose();
    const m = mesh.material as THREE.Material | THREE.Material[] | undefined;
    for (const mat of Array.isArray(m) ? m : m ? [m] : []) mat.dispose();
  });
}
