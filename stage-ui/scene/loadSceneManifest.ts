// Builds a THREE.Scene from a validated scene file: its glTF assets (GLTFLoader), lights, sky and fog, reporting progress.
// Pure three.js (no React): wall render nodes and the console use it alike; it works in headless Chromium and, for
// assets without textures, in Node with an injected fetch.
import * as THREE from 'three';
import { GLTFLoader, type GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { HDRLoader } from 'three/examples/jsm/loaders/HDRLoader.js';
import type { SceneAsset, SceneManifest, SceneSky } from '../../engine/protocol/SceneManifest.ts';
import { createSceneLight, lightTarget } from './createSceneLight.ts';
import { gradientSkyTexture, type SkyGradient } from './gradientSkyTexture.ts';

/** How far loading has got. Bytes count the glTF files (whose size is known once their response starts). */
export interface SceneLoadProgress {
  loadedItems: number;
  totalItems: number;
  loadedBytes: number;
  /** Sum of the sizes known so far; grows while responses arrive. */
  totalBytes: number;
}

export interface LoadSceneOptions {
  /**
   * URL of the scene file itself; asset uris (`../assets/scenes/x.glb`) resolve against it, so the default
   * `/scenes/<id>.json` (relative to the page) makes them `/assets/scenes/x.glb`.
   */
  manifestUrl?: string | URL;
  onProgress?: (progress: SceneLoadProgress) => void;
  /** Abort a load that is no longer wanted (the director picked another scene). */
  signal?: AbortSignal;
  /** Injected for tests; `globalThis.fetch` by default. */
  fetch?: typeof fetch;
}

export interface LoadedScene {
  scene: THREE.Scene;
  /** For the renderer's `toneMappingExposure`. */
  exposure: number;
  /** Per-channel LED gain for the walls, if the scene asks for one. */
  ledGain?: [number, number, number];
  /** Frees every geometry, material and texture the load created. */
  dispose(): void;
}

/** Load everything the manifest names; rejects (and frees what it made) if any asset fails or the signal aborts. */
export async function loadSceneManifest(manifest: SceneManifest, options: LoadSceneOptions = {}): Promise<LoadedScene> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const manifestUrl = new URL(options.manifestUrl ?? `/scenes/${manifest.id}.json`, pageBase());
  const scene = new THREE.Scene();
  scene.name = manifest.name;
  scene.userData.sceneId = manifest.id;
  const owned = new Set<THREE.Texture>(); // textures made here, not reachable through materials

  // One download per distinct file, however often it is placed.
  const modelUrls = [...new Set(manifest.assets.map((a) => new URL(a.uri, manifestUrl).href))];
  const sky = manifest.environment.sky;
  const progress = new ProgressTracker(modelUrls.length + (sky.type === 'equirect' ? 1 : 0), options.onProgress);
  const loaded: LoadedScene = { scene, exposure: manifest.environment.exposure, dispose: () => disposeLoaded(scene, owned) };
  if (manifest.ledCalibration) loaded.ledGain = [...manifest.ledCalibration.gain];

  const gltfs = new Map<string, GLTF>();
  // Wait for every download, even after one fails, so nothing finishes later unfreed.
  const results = await Promise.allSettled([
    applySky(scene, sky, manifestUrl, owned, options.signal).then(() => sky.type === 'equirect' && progress.itemDone()),
    ...modelUrls.map(async (url, i) => {
      const bytes = await fetchWithProgress(doFetch, url, options.signal, (loadedBytes, totalBytes) => progress.bytes(i, loadedBytes, totalBytes));
      gltfs.set(url, await parseGltf(bytes, url));
      progress.itemDone();
    }),
  ]);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    for (const gltf of gltfs.values()) scene.add(gltf.scene);
    disposeLoaded(scene, owned);
    throw failure.reason;
  }

  const castShadows = manifest.lights.some((l) => 'castShadow' in l && l.castShadow);
  const placed = new Set<string>();
  for (const asset of manifest.assets) {
    const url = new URL(asset.uri, manifestUrl).href;
    const gltf = gltfs.get(url)!;
    // The first placement takes the loaded scene; later ones clone it (sharing geometry and materials).
    const root = placed.has(url) ? gltf.scene.clone() : gltf.scene;
    placed.add(url);
    placeAsset(root, asset);
    if (castShadows) root.traverse((o) => ((o.castShadow = true), (o.receiveShadow = true)));
    scene.add(root);
  }

  for (const spec of manifest.lights) {
    const light = createSceneLight(spec);
    scene.add(light);
    const target = lightTarget(light);
    if (target) scene.add(target);
  }

  const fog = manifest.environment.fog;
  if (fog) scene.fog = fog.density !== undefined ? new THREE.FogExp2(fog.color, fog.density) : new THREE.Fog(fog.color, fog.nearM, fog.farM);
  scene.environmentIntensity = manifest.environment.skyLightIntensity;
  return loaded;
}

/** Position, Euler XYZ rotation (degrees in the file) and scale of one placement. */
function placeAsset(root: THREE.Object3D, asset: SceneAsset): void {
  root.name = asset.id;
  root.position.fromArray(asset.position);
  const [rx, ry, rz] = asset.rotationDeg;
  root.rotation.set(THREE.MathUtils.degToRad(rx), THREE.MathUtils.degToRad(ry), THREE.MathUtils.degToRad(rz), 'XYZ');
  if (typeof asset.scale === 'number') root.scale.setScalar(asset.scale);
  else root.scale.fromArray(asset.scale);
}

/** Background drawn at infinity (no dome to fit inside the far plane) and the same panorama as the PBR environment. */
async function applySky(scene: THREE.Scene, sky: SceneSky, manifestUrl: URL, owned: Set<THREE.Texture>, signal: AbortSignal | undefined): Promise<void> {
  let texture: THREE.Texture;
  if (sky.type === 'color') {
    texture = gradientSkyTexture({ top: sky.color, horizon: sky.color, bottom: sky.color });
  } else if (sky.type === 'gradient') {
    const gradient: SkyGradient = { top: sky.top, horizon: sky.horizon, bottom: sky.bottom ?? sky.horizon };
    if (sky.sun) gradient.sun = sky.sun;
    texture = gradientSkyTexture(gradient);
  } else {
    const url = new URL(sky.uri, manifestUrl).href;
    texture = url.toLowerCase().endsWith('.hdr') ? await new HDRLoader().loadAsync(url) : await new THREE.TextureLoader().loadAsync(url);
    if (!url.toLowerCase().endsWith('.hdr')) texture.colorSpace = THREE.SRGBColorSpace;
    texture.mapping = THREE.EquirectangularReflectionMapping;
    const turn = THREE.MathUtils.degToRad(sky.rotationDeg);
    scene.backgroundRotation.set(0, turn, 0);
    scene.environmentRotation.set(0, turn, 0);
  }
  owned.add(texture);
  if (signal?.aborted) throw signal.reason;
  scene.background = texture;
  scene.environment = texture;
}

async function fetchWithProgress(
  doFetch: typeof fetch,
  url: string,
  signal: AbortSignal | undefined,
  onBytes: (loaded: number, total: number) => void,
): Promise<ArrayBuffer> {
  const init: RequestInit = signal ? { signal } : {};
  const response = await doFetch(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (!response.body) {
    const buffer = await response.arrayBuffer();
    onBytes(buffer.byteLength, buffer.byteLength);
    return buffer;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  onBytes(0, Number.isFinite(declared) ? declared : 0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onBytes(loaded, Math.max(loaded, Number.isFinite(declared) ? declared : 0));
  }
  const out = new Uint8Array(loaded);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  onBytes(loaded, loaded);
  return out.buffer;
}

function parseGltf(bytes: ArrayBuffer, url: string): Promise<GLTF> {
  const resourcePath = url.slice(0, url.lastIndexOf('/') + 1); // for a .gltf's external buffers and images
  return new Promise((resolve, reject) => new GLTFLoader().parse(bytes, resourcePath, resolve, (err) => reject(new Error(`${url}: ${err.message}`))));
}

/** Frees geometries, materials and textures once each (clones share them); closes decoded image bitmaps. */
function disposeLoaded(scene: THREE.Scene, owned: Set<THREE.Texture>): void {
  const textures = new Set(owned);
  const done = new Set<object>();
  scene.traverse((o) => {
    const mesh = o as THREE.Mesh;
    if (mesh.geometry && !done.has(mesh.geometry)) {
      done.add(mesh.geometry);
      mesh.geometry.dispose();
    }
    const materials = Array.isArray(mesh.material) ? mesh.material : mesh.material ? [mesh.material] : [];
    for (const m of materials) {
      if (done.has(m)) continue;
      done.add(m);
      for (const value of Object.values(m)) if (value instanceof THREE.Texture) textures.add(value);
      m.dispose();
    }
    if (o instanceof THREE.Light) o.dispose();
  });
  for (const t of textures) {
    const image = t.source.data as { close?: () => void } | null;
    if (typeof ImageBitmap !== 'undefined' && image instanceof ImageBitmap) image.close();
    t.dispose();
  }
  scene.background = null;
  scene.environment = null;
  scene.clear();
}

/** Sums per-file byte counts and finished items into one `SceneLoadProgress` for the callback. */
class ProgressTracker {
  private readonly loaded: number[] = [];
  private readonly totals: number[] = [];
  private items = 0;
  constructor(
    private readonly totalItems: number,
    private readonly onProgress: ((p: SceneLoadProgress) => void) | undefined,
  ) {
    this.report();
  }
  bytes(file: number, loaded: number, total: number): void {
    this.loaded[file] = loaded;
    this.totals[file] = total;
    this.report();
  }
  itemDone(): void {
    this.items++;
    this.report();
  }
  private report(): void {
    if (!this.onProgress) return;
    const sum = (a: number[]) => a.reduce((s, v) => s + (v ?? 0), 0);
    this.onProgress({ loadedItems: this.items, totalItems: this.totalItems, loadedBytes: sum(this.loaded), totalBytes: sum(this.totals) });
  }
}

/** Relative URLs resolve against the page in a browser; in Node (tests) against a placeholder origin. */
function pageBase(): string {
  return typeof location !== 'undefined' ? location.href : 'http://localhost/';
}
