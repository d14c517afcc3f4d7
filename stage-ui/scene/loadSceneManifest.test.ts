// The browser scene loader, run in Node: GLTFLoader parses GLBs without a DOM (textures go through createImageBitmap,
// stubbed here with a PNG header read), and fetch is injected to read files from disk or memory.
import { readFileSync } from 'node:fs';
import { Document, NodeIO } from '@gltf-transform/core';
import { PNG } from 'pngjs';
import * as THREE from 'three';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSceneManifest, type SceneManifest, type SceneManifestInput } from '../../engine/protocol/SceneManifest.ts';
import { loadSceneManifest, type SceneLoadProgress } from './loadSceneManifest.ts';

const PROJECT = new URL('../../', import.meta.url);

/** Serves `/assets/scenes/…` from `files` (or the project's folder), like the engine, with a content-length. */
function fakeFetch(files?: Map<string, Uint8Array>): typeof fetch & { requests: string[] } {
  const requests: string[] = [];
  const f = async (input: string | URL | Request) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    requests.push(url.pathname);
    let bytes: Uint8Array | undefined;
    if (files) bytes = files.get(url.pathname);
    else if (url.pathname.startsWith('/assets/scenes/')) bytes = readFileSync(new URL(`.${url.pathname}`, PROJECT));
    if (!bytes) return new Response('not found', { status: 404 });
    return new Response(new Uint8Array(bytes), { headers: { 'content-length': String(bytes.byteLength) } });
  };
  return Object.assign(f as typeof fetch, { requests });
}

/** Stands in for the browser's decoder: reads the PNG so a broken image still fails, keeps only its size. */
const stubImageBitmap = async (blob: Blob) => {
  const png = PNG.sync.read(Buffer.from(await blob.arrayBuffer()));
  return { width: png.width, height: png.height, close() {} };
};
/** Browser globals GLTFLoader reaches for when it decodes embedded images (`self.URL`, `createImageBitmap`). */
const g = globalThis as { createImageBitmap?: unknown; self?: unknown };
const saved = { createImageBitmap: g.createImageBitmap, self: g.self };
beforeAll(() => {
  g.createImageBitmap = stubImageBitmap;
  g.self = globalThis;
});
afterAll(() => {
  g.createImageBitmap = saved.createImageBitmap;
  g.self = saved.self;
});

/** A one-material, one-triangle GLB. */
async function tinyGlb(): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const position = doc.createAccessor().setType('VEC3').setArray(new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0])).setBuffer(buffer);
  const material = doc.createMaterial('red').setBaseColorFactor([1, 0, 0, 1]).setRoughnessFactor(0.5);
  const mesh = doc.createMesh('tri').addPrimitive(doc.createPrimitive().setAttribute('POSITION', position).setMaterial(material));
  doc.createScene('s').addChild(doc.createNode('tri').setMesh(mesh));
  return new NodeIO().writeBinary(doc);
}

function tinyScene(overrides: Partial<SceneManifestInput> = {}): SceneManifest {
  return parseSceneManifest(
    {
      id: 'tiny',
      name: 'Tiny',
      assets: [
        { id: 'a', uri: '../assets/scenes/tiny.glb', position: [1, 2, 3], rotationDeg: [0, 90, 0], scale: 2 },
        { id: 'b', uri: '../assets/scenes/tiny.glb', position: [-1, 0, -5], scale: [1, 2, 3] },
      ],
      lights: [
        { type: 'directional', color: '#ffffff', intensityLux: 2, position: [0, 10, 10] },
        { type: 'spot', color: '#ffffff', intensityCd: 100, position: [0, 5, 0], target: [0, 0, -5] },
      ],
      environment: { sky: { type: 'gradient', top: '#112244', horizon: '#ff9955' }, fog: { color: '#808080', nearM: 10, farM: 100 }, exposure: 0.8, skyLightIntensity: 0.5 },
      pointsOfInterest: [],
      cameraMarks: [],
      ledCalibration: { gain: [1, 0.9, 0.8] },
      ...overrides,
    },
    'tiny.json',
  );
}

describe('loadSceneManifest', () => {
  it('places every asset (one download per file), adds lights with their targets, sky, fog and exposure', async () => {
    const files = new Map([['/assets/scenes/tiny.glb', await tinyGlb()]]);
    const fetch = fakeFetch(files);
    const progress: SceneLoadProgress[] = [];
    const loaded = await loadSceneManifest(tinyScene(), { fetch, onProgress: (p) => progress.push(p) });
    const { scene } = loaded;

    expect(fetch.requests).toEqual(['/assets/scenes/tiny.glb']);
    const a = scene.getObjectByName('a')!, b = scene.getObjectByName('b')!;
    expect(a.position.toArray()).toEqual([1, 2, 3]);
    expect(a.rotation.y).toBeCloseTo(Math.PI / 2, 12);
    expect(a.scale.toArray()).toEqual([2, 2, 2]);
    expect(b.scale.toArray()).toEqual([1, 2, 3]);
    const meshes: THREE.Mesh[] = [];
    scene.traverse((o) => o instanceof THREE.Mesh && meshes.push(o));
    expect(meshes).toHaveLength(2);
    expect(meshes[0]!.geometry).toBe(meshes[1]!.geometry); // the second placement is a clone sharing the geometry

    expect(scene.children.filter((o) => o instanceof THREE.Light).map((o) => o.type)).toEqual(['DirectionalLight', 'SpotLight']);
    const spot = scene.children.find((o) => o instanceof THREE.SpotLight) as THREE.SpotLight;
    expect(spot.target.parent).toBe(scene);
    expect(scene.background).toBeInstanceOf(THREE.DataTexture);
    expect(scene.environment).toBe(scene.background);
    expect(scene.environmentIntensity).toBe(0.5);
    expect(scene.fog).toBeInstanceOf(THREE.Fog);
    expect(loaded.exposure).toBe(0.8);
    expect(loaded.ledGain).toEqual([1, 0.9, 0.8]);

    const last = progress.at(-1)!;
    expect(last).toEqual({ loadedItems: 1, totalItems: 1, loadedBytes: files.get('/assets/scenes/tiny.glb')!.byteLength, totalBytes: files.get('/assets/scenes/tiny.glb')!.byteLength });
    expect(progress[0]).toMatchObject({ loadedItems: 0, totalItems: 1 });
  });

  it('dispose frees each geometry and material once and empties the scene', async () => {
    const loaded = await loadSceneManifest(tinyScene(), { fetch: fakeFetch(new Map([['/assets/scenes/tiny.glb', await tinyGlb()]])) });
    const disposed: string[] = [];
    const watched = new Set<THREE.EventDispatcher<{ dispose: object }>>();
    const watch = (what: THREE.BufferGeometry | THREE.Material, name: string) => {
      if (watched.has(what)) return; // clones share them: listen once
      watched.add(what);
      what.addEventListener('dispose', () => disposed.push(name));
    };
    loaded.scene.traverse((o) => {
      if (!(o instanceof THREE.Mesh)) return;
      watch(o.geometry, 'geometry');
      watch(o.material as THREE.Material, 'material');
    });
    const sky = loaded.scene.background as THREE.Texture;
    let skyDisposed = false;
    sky.addEventListener('dispose', () => (skyDisposed = true));
    loaded.dispose();
    expect(disposed.sort()).toEqual(['geometry', 'material']);
    expect(skyDisposed).toBe(true);
    expect(loaded.scene.children).toEqual([]);
    expect(loaded.scene.background).toBeNull();
  });

  it('rejects with the URL when an asset is missing, and on abort', async () => {
    await expect(loadSceneManifest(tinyScene(), { fetch: fakeFetch(new Map()) })).rejects.toThrow('http://localhost/assets/scenes/tiny.glb: HTTP 404');
    const controller = new AbortController();
    controller.abort(new Error('scene changed'));
    const aborting: typeof fetch = async (_url, init) => {
      init?.signal?.throwIfAborted();
      return new Response('');
    };
    await expect(loadSceneManifest(tinyScene(), { fetch: aborting, signal: controller.signal })).rejects.toThrow('scene changed');
  });

  it('resolves asset uris against the manifest URL', async () => {
    const fetch = fakeFetch(new Map([['/show/assets/scenes/tiny.glb', await tinyGlb()]]));
    await loadSceneManifest(tinyScene(), { fetch, manifestUrl: 'http://stage.local/show/scenes/tiny.json' });
    expect(fetch.requests).toEqual(['/show/assets/scenes/tiny.glb']);
  });

  it.each(['city-rooftop-dusk', 'desert-road', 'studio-talk-show'])('loads the committed scene %s with three.js GLTFLoader (PBR, vertex colours, textures)', async (id) => {
    const manifest = parseSceneManifest(JSON.parse(readFileSync(new URL(`scenes/${id}.json`, PROJECT), 'utf8')), `scenes/${id}.json`);
    const loaded = await loadSceneManifest(manifest, { fetch: fakeFetch() });
    const meshes: THREE.Mesh[] = [];
    loaded.scene.traverse((o) => o instanceof THREE.Mesh && meshes.push(o));
    expect(meshes.length).toBeGreaterThan(5);
    const materials = meshes.map((m) => m.material as THREE.MeshStandardMaterial);
    expect(materials.every((m) => m instanceof THREE.MeshStandardMaterial)).toBe(true);
    expect(materials.every((m) => m.vertexColors)).toBe(true);
    expect(materials.some((m) => m.map !== null)).toBe(true);
    expect(materials.some((m) => m.emissive.getHex() !== 0)).toBe(true);
    let triangles = 0;
    for (const m of meshes) triangles += (m.geometry.index?.count ?? 0) / 3;
    expect(triangles).toBeGreaterThan(5_000);
    expect(triangles).toBeLessThan(300_000);
    expect(loaded.scene.children.filter((o) => o instanceof THREE.Light)).toHaveLength(manifest.lights.length);
    loaded.dispose();
  });
});
