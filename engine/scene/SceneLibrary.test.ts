import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SceneLibrary, type SceneLibraryEvent } from './SceneLibrary.ts';
import { SceneManifestError } from '../protocol/SceneManifest.ts';

/** A valid scene file body for `id`, placing `assets/scenes/<glb>`. */
function sceneJson(id: string, overrides: Record<string, unknown> = {}, glb = 'set.glb'): Record<string, unknown> {
  return {
    id,
    name: `Scene ${id}`,
    description: 'for tests',
    assets: [{ id: 'set', uri: `../assets/scenes/${glb}` }],
    lights: [{ type: 'hemisphere', color: '#ffffff', groundColor: '#000000', intensityLux: 1 }],
    environment: { sky: { type: 'color', color: '#000000' } },
    pointsOfInterest: [{ id: 'p1', name: 'P1', position: [0, 1, -5] }],
    cameraMarks: [{ id: 'wide', name: 'Wide', position: [0, 1.6, 4], lookAt: [0, 1.6, -10] }],
    ...overrides,
  };
}

let root: string;
let scenesDir: string;
let assetsDir: string;
let library: SceneLibrary | undefined;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'vp-scene-library-'));
  scenesDir = join(root, 'scenes');
  assetsDir = join(root, 'assets', 'scenes');
  await mkdir(scenesDir, { recursive: true });
  await mkdir(assetsDir, { recursive: true });
  await writeFile(join(assetsDir, 'set.glb'), 'glb v1');
});

afterEach(async () => {
  library?.close();
  library = undefined;
  await rm(root, { recursive: true, force: true });
});

async function writeScene(id: string, body: unknown): Promise<void> {
  await writeFile(join(scenesDir, `${id}.json`), typeof body === 'string' ? body : JSON.stringify(body, null, 2));
}

/** Resolves with the next event matching `match`, or rejects after `ms`. */
function nextEvent(lib: SceneLibrary, match: (e: SceneLibraryEvent) => boolean, ms = 1000): Promise<SceneLibraryEvent & { afterMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching scene library event within ${ms} ms`));
    }, ms);
    const off = lib.on((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve({ ...e, afterMs: performance.now() - started });
    });
  });
}

describe('SceneLibrary', () => {
  it('loads every scene file at start; invalid ones are listed with their error, not fatal', async () => {
    await writeScene('alpha', sceneJson('alpha'));
    await writeScene('beta', sceneJson('beta', { lights: [{ type: 'area', color: '#ffffff' }] }));
    await writeScene('gamma', '{ "id": "gamma", ');
    await writeScene('delta', sceneJson('delta', {}, 'missing.glb'));
    await writeFile(join(scenesDir, 'alpha.json.bak'), 'old');
    await writeFile(join(scenesDir, 'notes.txt'), 'not a scene');
    library = await SceneLibrary.open({ scenesDir, assetsDir });

    const list = library.list();
    expect(list.map((s) => s.id)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    expect(list[0]).toEqual({ id: 'alpha', name: 'Scene alpha', description: 'for tests', poisCount: 1, valid: true });
    expect(list[1]).toMatchObject({ id: 'beta', name: 'beta', poisCount: 0, valid: false });
    expect(list[1]?.error).toMatch(/^scenes\/beta\.json: lights\[0\]\.type: type must be one of/);
    expect(list[2]?.error).toBe('scenes/delta.json: assets[0].uri: "../assets/scenes/missing.glb" not found (assets/scenes/missing.glb)');
    expect(list[3]?.error).toMatch(/^scenes\/gamma\.json: \(root\): invalid JSON: /);
    expect(library.get('alpha')?.name).toBe('Scene alpha');
    expect(library.get('beta')).toBeUndefined();
    expect(library.get('nope')).toBeUndefined();
  });

  it('an empty or missing scenes folder is an empty library', async () => {
    library = await SceneLibrary.open({ scenesDir: join(root, 'nowhere'), assetsDir });
    expect(library.list()).toEqual([]);
    expect(library.watch()).toBe(false); // nothing to watch; not an error
  });

  it('hot reloads an edited scene file within a second', async () => {
    await writeScene('alpha', sceneJson('alpha'));
    library = await SceneLibrary.open({ scenesDir, assetsDir });
    library.watch();
    const changed = nextEvent(library, (e) => e.type === 'changed' && e.id === 'alpha');
    await writeScene('alpha', sceneJson('alpha', { name: 'Renamed' }));
    const e = await changed;
    expect(e.type === 'changed' && e.manifest?.name).toBe('Renamed');
    expect(e.afterMs).toBeLessThan(1000);
    expect(library.get('alpha')?.name).toBe('Renamed');
  });

  it('an invalid edit keeps the previous good version and reports the error; fixing it reloads', async () => {
    await writeScene('alpha', sceneJson('alpha'));
    library = await SceneLibrary.open({ scenesDir, assetsDir });
    library.watch();
    const invalid = nextEvent(library, (e) => e.type === 'invalid');
    await writeScene('alpha', sceneJson('alpha', { lights: [{ type: 'point', color: '#ffffff', intensityCd: -1, position: [0, 1, 0] }] }));
    const e = await invalid;
    expect(e).toMatchObject({ type: 'invalid', id: 'alpha', error: 'scenes/alpha.json: lights[0].intensityCd: must be 0 or more' });
    expect(library.get('alpha')?.lights[0]?.type).toBe('hemisphere'); // still the good one
    expect(library.list()[0]).toMatchObject({ id: 'alpha', name: 'Scene alpha', valid: false, error: e.type === 'invalid' ? e.error : '' });

    const fixed = nextEvent(library, (ev) => ev.type === 'changed');
    await writeScene('alpha', sceneJson('alpha', { name: 'Fixed' }));
    expect((await fixed).type).toBe('changed');
    expect(library.list()[0]).toEqual({ id: 'alpha', name: 'Fixed', description: 'for tests', poisCount: 1, valid: true });
  });

  it('reports a new scene file, a deleted one, and a changed asset of a scene', async () => {
    await writeScene('alpha', sceneJson('alpha'));
    library = await SceneLibrary.open({ scenesDir, assetsDir });
    library.watch();

    const added = nextEvent(library, (e) => e.type === 'changed' && e.id === 'beta');
    await writeFile(join(assetsDir, 'beta.glb'), 'glb');
    await writeScene('beta', sceneJson('beta', {}, 'beta.glb'));
    expect(await added).toMatchObject({ type: 'changed', id: 'beta' });

    const assetChanged = nextEvent(library, (e) => e.type === 'changed' && e.id === 'alpha');
    await writeFile(join(assetsDir, 'set.glb'), 'glb v2');
    const a = await assetChanged;
    expect(a.type === 'changed' && a.manifest?.id).toBe('alpha'); // same manifest: clients reload the asset

    const removed = nextEvent(library, (e) => e.type === 'changed' && e.id === 'beta');
    await unlink(join(scenesDir, 'beta.json'));
    const r = await removed;
    expect(r.type === 'changed' && r.manifest).toBeUndefined();
    expect(library.list().map((s) => s.id)).toEqual(['alpha']);
  });

  it('a scene waiting for a missing asset becomes valid when the asset appears', async () => {
    await writeScene('alpha', sceneJson('alpha', {}, 'later.glb'));
    library = await SceneLibrary.open({ scenesDir, assetsDir });
    expect(library.list()[0]?.valid).toBe(false);
    library.watch();
    const changed = nextEvent(library, (e) => e.type === 'changed' && e.id === 'alpha');
    await writeFile(join(assetsDir, 'later.glb'), 'glb');
    expect(await changed).toMatchObject({ type: 'changed', id: 'alpha' });
    expect(library.list()[0]?.valid).toBe(true);
  });

  it('debounces a burst of writes into one reload', async () => {
    await writeScene('alpha', sceneJson('alpha'));
    library = await SceneLibrary.open({ scenesDir, assetsDir });
    library.watch();
    const events: SceneLibraryEvent[] = [];
    library.on((e) => events.push(e));
    for (let i = 0; i < 5; i++) await writeScene('alpha', sceneJson('alpha', { name: `Edit ${i}` }));
    await new Promise((r) => setTimeout(r, 400));
    expect(events).toHaveLength(1);
    expect(events[0]?.type === 'changed' && events[0].manifest?.name).toBe('Edit 4');
  });

  it('savePoints writes atomically, keeps the previous file as .bak, keeps other fields and reports the change', async () => {
    const original = sceneJson('alpha', { description: 'hand written' });
    await writeScene('alpha', original);
    library = await SceneLibrary.open({ scenesDir, assetsDir });
    library.watch();
    const events: SceneLibraryEvent[] = [];
    library.on((e) => events.push(e));

    const pois = [{ id: 'desk', name: 'Desk', position: [1, 1, -6] as [number, number, number], suggestedSubjectHeightFraction: 0.5 }];
    const marks = [{ id: 'close', name: 'Close', position: [0, 1.5, 1] as [number, number, number], lookAt: [1, 1, -6] as [number, number, number], focalLengthMm: 50 }];
    const saved = await library.savePoints('alpha', pois, marks);
    expect(saved.pointsOfInterest).toEqual(pois);
    expect(library.get('alpha')?.cameraMarks).toEqual(marks);

    const onDisk = JSON.parse(await readFile(join(scenesDir, 'alpha.json'), 'utf8'));
    expect(onDisk.pointsOfInterest).toEqual(pois);
    expect(onDisk.cameraMarks).toEqual(marks);
    expect(onDisk.description).toBe('hand written');
    expect(await readFile(join(scenesDir, 'alpha.json'), 'utf8')).toContain('"position": [1, 1, -6]'); // readable formatting
    expect(JSON.parse(await readFile(join(scenesDir, 'alpha.json.bak'), 'utf8'))).toEqual(original);
    expect((await readdir(scenesDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // Reported once: the watcher's re-read of our own write finds nothing new.
    await new Promise((r) => setTimeout(r, 400));
    expect(events.map((e) => e.type)).toEqual(['changed']);
  });

  it('savePoints refuses invalid points (field path in the error) and leaves the file alone', async () => {
    await writeScene('alpha', sceneJson('alpha'));
    library = await SceneLibrary.open({ scenesDir, assetsDir });
    const before = await readFile(join(scenesDir, 'alpha.json'), 'utf8');
    const bad = [{ id: 'p', name: 'P', position: [0, Number.NaN, 0] as [number, number, number] }];
    const err = await library.savePoints('alpha', bad, []).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SceneManifestError);
    expect((err as SceneManifestError).message).toMatch(/^scenes\/alpha\.json: pointsOfInterest\[0\]\.position\[1\]: /);
    expect(await readFile(join(scenesDir, 'alpha.json'), 'utf8')).toBe(before);
    expect((await readdir(scenesDir)).sort()).toEqual(['alpha.json']);
  });

  it('savePoints will not overwrite a scene file that is invalid on disk', async () => {
    await writeScene('alpha', sceneJson('alpha'));
    library = await SceneLibrary.open({ scenesDir, assetsDir });
    await writeScene('alpha', sceneJson('alpha', { environment: { sky: { type: 'plasma' } } }));
    const err = await library.savePoints('alpha', [], []).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^scenes\/alpha\.json: environment\.sky\.type: /);
    await writeScene('beta', '{ broken');
    await expect(library.savePoints('beta', [], [])).rejects.toThrow(/^scenes\/beta\.json: \(root\): cannot save points over this file/);
  });

  it('after close, edits are no longer reported', async () => {
    await writeScene('alpha', sceneJson('alpha'));
    library = await SceneLibrary.open({ scenesDir, assetsDir });
    library.watch();
    const events: SceneLibraryEvent[] = [];
    library.on((e) => events.push(e));
    library.close();
    await writeScene('alpha', sceneJson('alpha', { name: 'Ignored' }));
    await new Promise((r) => setTimeout(r, 300));
    expect(events).toEqual([]);
    expect(library.get('alpha')?.name).toBe('Scene alpha');
  });

  it('the project scenes folder loads with every scene valid', async () => {
    const project = new URL('../../', import.meta.url).pathname;
    library = await SceneLibrary.open({ scenesDir: join(project, 'scenes'), assetsDir: join(project, 'assets/scenes') });
    const list = library.list();
    expect(list.map((s) => s.id)).toEqual(expect.arrayContaining(['city-rooftop-dusk', 'desert-road', 'studio-talk-show']));
    expect(list.filter((s) => !s.valid)).toEqual([]);
  });
});
