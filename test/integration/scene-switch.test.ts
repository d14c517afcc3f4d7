// Scenes on a running engine: the library over HTTP, a live switch that every client swaps on the same frame,
// hot reload of an edited scene file, an invalid edit that keeps the old scene, and an atomic save of points.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage, SceneLoadedWire, SceneRefWire } from '../../engine/protocol/LiveMessages.ts';
import { connectLive, type TestLiveClient } from '../support/liveClient.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
let te: TestEngine;
let scenesDir: string;
let designer: TestLiveClient;
let wall: TestLiveClient;

const sceneEvents = (c: TestLiveClient, name: string) => c.messages.filter((m): m is EventMessage => m.type === 'event' && m.name === name);

beforeAll(async () => {
  // A copy of the real scene files, so the test can edit them.
  scenesDir = await mkdtemp(path.join(tmpdir(), 'vantage-scenes-'));
  await cp(path.join(REPO, 'scenes'), scenesDir, { recursive: true });
  te = await startTestEngine({}, undefined, { scenesDir, sceneAssetsDir: path.join(REPO, 'assets', 'scenes') });
  designer = await connectLive(te.url('/live', 'designer'));
  wall = await connectLive(te.url('/live?wall=main', 'render'));
});
afterAll(async () => {
  await designer?.close();
  await wall?.close();
  await te?.close();
  await rm(scenesDir, { recursive: true, force: true });
});

describe('scenes', () => {
  it('lists the demo and the three scene files, and serves manifests and GLB assets', async () => {
    const { status, body } = await te.getJson('/api/scenes', 'viewer');
    expect(status).toBe(200);
    expect(body.current.id).toBe('demo');
    expect(body.scenes.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['demo', 'city-rooftop-dusk', 'desert-road', 'studio-talk-show']));
    const manifest = await (await fetch(te.url('/scenes/desert-road.json'))).json();
    expect(manifest.assets.length).toBeGreaterThan(0);
    const glb = await fetch(new URL(manifest.assets[0].uri, te.url('/scenes/desert-road.json')));
    expect(glb.status).toBe(200);
    expect(Buffer.from(await glb.arrayBuffer()).subarray(0, 4).toString()).toBe('glTF');
    expect((await fetch(te.url('/scenes/nope.json'))).status).toBe(404);
    expect((await fetch(te.url('/assets/scenes/..%2F..%2Fpackage.json'))).status).toBe(404);
  });

  it('scene.load tells every client the same swap frame, ahead of the current one', async () => {
    const ack = await designer.command('scene.load', { sceneId: 'desert-road' });
    expect(ack.ok).toBe(true);
    const ref = ack.result as SceneRefWire;
    expect(ref.swapAtFrame).toBeGreaterThan(te.engine.live.frame);
    const seenByWall = await waitFor(() => sceneEvents(wall, 'scene.loaded').at(-1)?.data as SceneLoadedWire | undefined, 2000, 'wall told');
    // The same scene and swap frame, with the new scene's points of interest for the consoles' labels.
    const { pois, ...sceneRef } = seenByWall;
    expect(sceneRef).toEqual(ref);
    const desert = JSON.parse(await readFile(path.join(scenesDir, 'desert-road.json'), 'utf8')) as { pointsOfInterest: { id: string }[] };
    expect(pois.map((p) => p.id)).toEqual(desert.pointsOfInterest.map((p) => p.id));
    expect((await designer.command('scene.load', { sceneId: 'atlantis' })).error).toMatch(/UNKNOWN_SCENE/);
    const viewer = await connectLive(te.url('/live', 'viewer'));
    expect((await viewer.command('scene.load', { sceneId: 'demo' })).error).toMatch(/^VP_ERR_FORBIDDEN/);
    expect(viewer.hello.scene.id).toBe('desert-road');
    expect(viewer.hello.pois.length).toBeGreaterThan(0);
    // The switch is on the record, with who made it; the audit endpoint names its types when given a wrong one.
    const audit = (await te.getJson('/api/audit?type=scene&decisions=1', 'viewer')).body.records as { type: string; actor: { kind: string; role?: string }; data: { sceneId: string } }[];
    expect(audit.at(-1)).toMatchObject({ type: 'scene.loaded', actor: { kind: 'human', role: 'designer' }, data: { sceneId: 'desert-road' } });
    const bogus = await te.getJson('/api/audit?type=bogus', 'viewer');
    expect(bogus.status).toBe(400);
    expect(bogus.body.error.message).toContain('type must be one of suggestion.shown, suggestion.accepted');
    expect(bogus.body.error.message).toContain('scene.loaded');
    await viewer.close();
  });

  it('hot-reloads an edited scene within 1 s, and keeps the old one on an invalid edit', async () => {
    const file = path.join(scenesDir, 'desert-road.json');
    const original = JSON.parse(await readFile(file, 'utf8'));
    const before = sceneEvents(wall, 'scene.loaded').length;
    const t0 = Date.now();
    await writeFile(file, JSON.stringify({ ...original, name: 'Desert road (edited)' }, null, 2));
    const reloaded = await waitFor(() => sceneEvents(wall, 'scene.loaded').slice(before).at(-1)?.data as SceneRefWire | undefined, 2000, 'reload event');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(reloaded.name).toBe('Desert road (edited)');

    await writeFile(file, JSON.stringify({ ...original, lights: [{ type: 'laser' }] }));
    const invalid = await waitFor(() => sceneEvents(wall, 'scene.invalid').at(-1)?.data as { id: string; error: string } | undefined, 2000, 'invalid event');
    expect(invalid.id).toBe('desert-road');
    expect(invalid.error).toMatch(/lights/);
    const served = await (await fetch(te.url('/scenes/desert-road.json'))).json();
    expect(served.name).toBe('Desert road (edited)'); // the last good version stays
  });

  it('a designer saves points of interest atomically, keeping a backup', async () => {
    const file = path.join(scenesDir, 'city-rooftop-dusk.json');
    const ack = await designer.command('scene.savePoints', {
      sceneId: 'city-rooftop-dusk',
      pointsOfInterest: [{ id: 'tower', name: 'Water tower', position: [-4, 6, -8] }],
      cameraMarks: [{ id: 'wide', name: 'Wide', position: [0, 1.6, 4], lookAt: [0, 2, -10] }],
    });
    expect(ack).toMatchObject({ ok: true, result: { sceneId: 'city-rooftop-dusk', pointsOfInterest: 1, cameraMarks: 1 } });
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.pointsOfInterest).toEqual([{ id: 'tower', name: 'Water tower', position: [-4, 6, -8] }]);
    const backup = JSON.parse(await readFile(file + '.bak', 'utf8'));
    expect(backup.pointsOfInterest.length).toBeGreaterThan(1);
    const bad = await designer.command('scene.savePoints', { sceneId: 'city-rooftop-dusk', pointsOfInterest: [{ id: 'x', name: 'x', position: [0, 0, 'up'] }], cameraMarks: [] });
    expect(bad.error).toMatch(/^VP_ERR_BAD_ARGS/);
  });
});
