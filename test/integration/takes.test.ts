// Takes on a running engine: record frames and decisions over real OSC and /live, read them back exactly, play them
// back on the walls bit for bit, export them, and survive a disk that fills up mid-take.
import { encode, Message } from 'node-osc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameMessage } from '../../engine/protocol/LiveMessages.ts';
import type { TakeManifest } from '../../engine/protocol/takes.ts';
import { connectLive, type TestLiveClient } from '../support/liveClient.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

const f = (value: number) => ({ type: 'float', value });
let te: TestEngine;
let udp: UdpClient;
let director: TestLiveClient;
let sender: NodeJS.Timeout;
let t = 0;

beforeAll(async () => {
  // No present lead: the walls then show each camera at the frame's own time, which is what a take records, so the
  // frames clients received and the recorded ones can be compared exactly (with a lead the walls' poses are predicted).
  te = await startTestEngine({ presentLeadMs: 0 });
  udp = createUdpClient();
  // A camera dollying and panning, with a lens, as a rig sends it.
  sender = setInterval(() => {
    t += 0.01;
    const bundle = [new Message('/camera/cam1/euler', ...[Math.sin(t), 1.6, 4 - t * 0.2, 10 * Math.sin(t * 2), -3, 0].map(f)), new Message('/camera/cam1/lens', ...[35 + 10 * Math.sin(t), 24.89].map(f))];
    for (const m of bundle) void udp.send(encode(m), te.ports.osc).catch(() => {});
  }, 10);
  director = await connectLive(te.url('/live', 'director'));
  await director.nextFrame((fr) => fr.cameras.some((c) => c.id === 'cam1'), 5000);
});
afterAll(async () => {
  clearInterval(sender);
  await director?.close();
  await udp?.close();
  await te?.close();
});

const framesOf = (from: number) => director.messages.slice(from).filter((m): m is FrameMessage => m.type === 'frame');
const round = (v: number, d: number) => Number(v.toFixed(d));

describe('takes on a running engine', () => {
  let take: TakeManifest;
  const live = new Map<number, FrameMessage>();

  it('records every frame and every decision, and reads them back exactly', async () => {
    const from = director.messages.length;
    const frameBefore = director.lastFrame()!.frame;
    const started = await director.command('take.start', { slate: 'A001', description: 'dolly test' });
    expect(started).toMatchObject({ ok: true, result: { slate: 'A001', takeNumber: 1, state: 'recording' } });
    const tally = await director.nextFrame((fr) => fr.take?.recording !== undefined && fr.take.recording !== null, 2000);
    expect(tally.take!.recording).toMatchObject({ slate: 'A001', takeNumber: 1 });
    // A decision during the take: a human-only move.
    expect(await director.command('move.start', { spec: { kind: 'pan', angleRad: 0.2, durationS: 0.5, easing: 'linear' } })).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 800));
    const stopped = await director.command('take.stop');
    expect(stopped.ok).toBe(true);
    take = stopped.result as TakeManifest;
    expect(take).toMatchObject({ state: 'complete', fps: 50, slate: 'A001', takeNumber: 1, description: 'dolly test', sceneId: 'demo' });
    for (const m of framesOf(from)) live.set(m.frame, m);

    const body = (await te.getJson(`/api/takes/${take.id}`, 'viewer')).body;
    expect(body.manifest.frameCount).toBe(take.frameCount);
    expect(body.frames).toBe(take.frameCount);
    expect(take.frameCount).toBeGreaterThan(30);
    expect(body.audit.map((a: { type: string }) => a.type)).toEqual(expect.arrayContaining(['take.started', 'move.started', 'take.stopped']));
    const moveRecord = body.audit.find((a: { type: string }) => a.type === 'move.started');
    expect(moveRecord.actor).toMatchObject({ kind: 'human', role: 'director' });
    expect(moveRecord.frame).toBeGreaterThanOrEqual(take.firstFrame);
    // Stamped with the frame on the walls: take.started at the take's first frames, the move before the end.
    const startedRecord = body.audit.find((x: { type: string }) => x.type === 'take.started');
    // Its stamp is the frame the command ran at: after the last one seen before asking, not after the first recorded
    // (opening the take's files takes a few frames, more on a loaded box, so a frame count between them measures the box).
    expect(startedRecord.frame).toBeGreaterThanOrEqual(frameBefore);
    expect(startedRecord.frame).toBeLessThanOrEqual(take.firstFrame);
    expect(moveRecord.frame).toBeLessThan(take.firstFrame + take.frameCount - 20);

    // Every frame from the first, none missing, each what the walls were sent (the wire rounds to 5 decimals).
    const { frames } = await te.engine.takes.store.read(take.id);
    expect(frames.map((x) => x.frame)).toEqual(Array.from({ length: take.frameCount }, (_, i) => take.firstFrame + i));
    expect(frames[0]!.timecode).toBe(take.timecodeIn);
    expect(frames.at(-1)!.timecode).toBe(take.timecodeOut);
    let compared = 0;
    for (const rec of frames) {
      const sent = live.get(rec.frame);
      if (!sent) continue;
      const cam = rec.cameras.find((c) => c.id === 'cam1')!;
      const wire = sent.cameras.find((c) => c.id === 'cam1')!;
      expect(wire.position).toEqual(cam.position.map((v) => round(v, 5)));
      expect(wire.rotation).toEqual(cam.rotation.map((v) => round(v, 6)));
      expect(wire.lens.focalLengthMm).toBe(cam.focalLengthMm);
      expect(sent.timecode).toBe(rec.timecode);
      compared++;
    }
    expect(compared).toBeGreaterThan(take.frameCount * 0.9);
    // The pan moved the final pose off the tracked one for part of the take.
    expect(frames.some((x) => x.cameras[0]!.position !== x.cameras[0]!.trackedPosition && x.move !== null)).toBe(true);
  });

  it('a replay drives the walls with the recorded poses, bit for bit, while live tracking keeps arriving', async () => {
    const from = director.messages.length;
    const play = await director.command('take.play', { takeId: take.id });
    expect(play).toMatchObject({ ok: true, result: { takeId: take.id, sourceId: `take:${take.id}`, status: 'playing', frameCount: take.frameCount } });
    await waitFor(() => framesOf(from).some((m) => m.take?.playback?.index === take.frameCount - 1) || framesOf(from).filter((m) => m.take?.playback).length >= take.frameCount, 10000, 'the whole take played');
    const played = framesOf(from).filter((m) => m.take?.playback);
    expect(played.length).toBeGreaterThanOrEqual(take.frameCount - 1);
    let same = 0;
    for (const m of played) {
      const original = live.get(m.take!.playback!.frame);
      if (!original) continue;
      expect(JSON.stringify(m.cameras)).toBe(JSON.stringify(original.cameras));
      expect(m.take!.playback!.timecode).toBe(original.timecode);
      same++;
    }
    expect(same).toBeGreaterThan(take.frameCount * 0.9);
    // The rig kept sending: health still counts its samples during the replay.
    const health = (await te.getJson('/api/health')).body;
    expect(health.sources.find((s: { sourceId: string }) => s.sourceId === 'osc:cam1')?.stale).toBe(false);
    // After the last frame the walls are live again.
    await director.nextFrame((m) => !m.take?.playback, 3000);
  });

  it('exports the take for post with its frames and timecode', async () => {
    const res = await fetch(te.url(`/api/takes/${take.id}/export?format=csv`, 'viewer'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.csv');
    const rows = (await res.text()).trim().split('\n');
    expect(rows[0]).toMatch(/^frame,timecode,x_m/);
    expect(rows).toHaveLength(take.frameCount + 1);
    expect(rows[1]!.split(',').slice(0, 2)).toEqual(['0', take.timecodeIn]);
    for (const format of ['json', 'gltf', 'usda', 'chan']) expect((await fetch(te.url(`/api/takes/${take.id}/export?format=${format}`, 'viewer'))).status).toBe(200);
    expect((await fetch(te.url(`/api/takes/${take.id}/export?format=fbx`, 'viewer'))).status).toBe(400);
    expect((await fetch(te.url('/api/takes/../../etc/export?format=csv', 'viewer'))).status).toBe(404);
    expect((await te.getJson('/api/takes', 'viewer')).body.takes[0]).toMatchObject({ id: take.id, state: 'complete' });
  });

  it('the next take of a slate gets the next number; commands out of turn fail clearly', async () => {
    expect((await director.command('take.stop')).error).toMatch(/^VP_ERR_NOT_RECORDING/);
    expect((await director.command('take.pause')).error).toMatch(/^VP_ERR_NOT_PLAYING/);
    expect((await director.command('take.play', { takeId: 'nope' })).error).toMatch(/^VP_ERR_UNKNOWN_TAKE/);
    const viewer = await connectLive(te.url('/live', 'viewer'));
    expect((await viewer.command('take.start', {})).error).toMatch(/^VP_ERR_FORBIDDEN/);
    await viewer.close();
    const second = await director.command('take.start', { slate: 'A001' });
    expect(second.result).toMatchObject({ takeNumber: 2 });
    expect((await director.command('take.start', { slate: 'A001' })).error).toMatch(/^VP_ERR_TAKE_RECORDING/);
    expect((await director.command('take.stop')).ok).toBe(true);
  });
});

describe('a disk that fills up mid-take', () => {
  it('stops the recording with a visible error; the engine and the walls carry on', async () => {
    const full = await startTestEngine({}, undefined, { takeRecordsFile: () => '/dev/full' });
    const client = await connectLive(full.url('/live', 'director'));
    try {
      const started = await client.command('take.start', { slate: 'FULL' });
      expect(started.ok).toBe(true);
      const failed = await waitFor(() => client.messages.find((m) => m.type === 'event' && m.name === 'take.failed'), 3000, 'take.failed event');
      expect((failed as { data: TakeManifest }).data).toMatchObject({ state: 'failed' });
      expect((failed as { data: TakeManifest }).data.note).toMatch(/ENOSPC/);
      const before = client.lastFrame()!.frame;
      const later = await client.nextFrame((m) => m.frame > before + 5, 2000);
      expect(later.take).toBeUndefined(); // no tally: nothing is recording
      expect((await full.getJson('/api/takes', 'viewer')).body.takes[0]).toMatchObject({ slate: 'FULL', state: 'failed' });
    } finally {
      await client.close();
      await full.close();
    }
  });
});
