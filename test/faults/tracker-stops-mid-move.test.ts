// Fault: an OSC tracker streaming at 100 Hz stops mid-move, on a real engine process. The camera holds its last
// pose, is reported stale on time, the move pauses (VP_MOVE_ON_STALE's default) with an engine audit record, and
// when samples resume the camera follows them smoothly: no catch-up jump through the jitter filter.
// Every timing is read from the frames (engine time, frame numbers), never from the test's own clock.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Bundle, encode, Message } from 'node-osc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unixNowHiResS } from '../../camera-bridge/EngineClock.ts';
import type { AuditRecordWire } from '../../engine/protocol/audit.ts';
import type { CameraFrameWire, EventMessage, FrameMessage } from '../../engine/protocol/LiveMessages.ts';
import { startEngineProcess, type EngineProcess } from '../support/engineProcess.ts';
import { connectLive, type TestLiveClient } from '../support/liveClient.ts';
import { waitFor } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

const TOKENS = 'director=stale-director-1,viewer=stale-viewer-1,operator=stale-operator-1,designer=stale-designer-1,render=stale-render-1';
const FPS = 50;
const STALE_TIMEOUT_S = 0.1;
const SAMPLE_PERIOD_S = 0.01; // the tracker's 100 Hz
const SPEED_M_PER_S = 0.1; // the rig trucks along +x, slowly: where the filter lags most (One Euro: less when faster)
const CAMERA = 'sim-cam1'; // the demo stage's first camera: the hero by default
const f = (value: number) => ({ type: 'float', value });

let dataDir = '';
let engine: EngineProcess;
let udp: UdpClient;
let director: TestLiveClient;
const trackers: Tracker[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-fault-stale-'));
  engine = await startEngineProcess({ VP_DATA_DIR: dataDir, VP_TOKENS: TOKENS, VP_STALE_TIMEOUT_MS: String(STALE_TIMEOUT_S * 1000), VP_SCENE: 'demo' });
  udp = createUdpClient();
  director = await connectLive(engine.url('/live', 'stale-director-1'));
  // No wall frusta: small frames, so a busy test process never falls behind enough to have frames skipped.
  expect(await director.command('live.subscribe', { walls: [] })).toMatchObject({ ok: true });
}, 90_000);
afterAll(async () => {
  for (const t of trackers) t.stop();
  await director?.close().catch(() => {});
  await udp?.close();
  await engine?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/**
 * The tracker: sample n is at x = n × SPEED × period, and carries n in its lens's focus distance (focusM = 1 + n/1000),
 * so a frame says which sample the engine had last received without the test trusting its own clock.
 */
class Tracker {
  seq = 0;
  private timer: NodeJS.Timeout | undefined;
  xAt = (seq: number) => seq * SPEED_M_PER_S * SAMPLE_PERIOD_S;
  start(): void {
    this.timer = setInterval(() => void this.send(), SAMPLE_PERIOD_S * 1000);
  }
  /** Stops after the sample in flight; returns the last sample's number. */
  stop(): number {
    clearInterval(this.timer);
    return this.seq - 1;
  }
  private async send(): Promise<void> {
    const n = this.seq++;
    // One bundle per sample, as rigs send it: pose and lens arrive together, so no tick sees a new pose with the
    // previous sample's number (two datagrams let a tick fall between them, and the frame would be misread). Its
    // timetag is the measurement time, as a rig stamps it: a loaded test process sends in bursts, and samples timed by
    // arrival alone would make a smooth rig look jerky.
    const pose = new Message(`/camera/${CAMERA}/pose`, ...[this.xAt(n), 1.6, 4, 0, 0, 0, 1].map(f));
    const lens = new Message(`/camera/${CAMERA}/lens`, f(35), f(24.89), f(1 + n / 1000), f(2.8));
    await udp.send(encode(new Bundle(unixNowHiResS(), pose, lens)), engine.ports.osc);
  }
}
const seqOf = (c: CameraFrameWire) => Math.round(((c.lens.focusM ?? 1) - 1) * 1000);
const cam = (fr: FrameMessage) => fr.cameras.find((c) => c.id === CAMERA)!; // frames without it are filtered out below
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a tracker that stops mid-move', () => {
  it('holds the pose, flags stale on time, pauses the move, and resumes smoothly', async () => {
    const leadS = director.hello.timing.presentLeadS;
    const tickS = (fr: FrameMessage) => fr.presentAtS - leadS; // the engine time the tick ran at
    const tracker = new Tracker();
    trackers.push(tracker);
    tracker.start();
    await waitFor(() => director.frames.some((fr) => fr.cameras.some((c) => c.id === CAMERA && !c.stale && c.lens.focusM !== undefined)), 10_000, 'the tracked camera');
    const started = await director.command('move.start', { spec: { kind: 'pan', angleRad: 0.6, durationS: 12, easing: 'linear' } });
    expect(started).toMatchObject({ ok: true });
    await director.nextFrame((fr) => fr.move?.status === 'running' && fr.move.progress > 0.02, 10_000);
    await sleep(300);
    const lastSeq = tracker.stop();
    // Silent for well over the timeout, then the rig picks up where it stopped.
    await waitFor(() => director.frames.some((fr) => cam(fr)?.stale && fr.move?.status === 'paused'), 10_000, 'stale and paused');
    // Its only source is stale now, but the paused move is the director's: an operator's tidy-up may not end it.
    expect(await director.command('source.remove', { sourceId: `osc:${CAMERA}` })).toMatchObject({ ok: false, error: expect.stringMatching(/^VP_ERR_SOURCE_IN_USE: camera sim-cam1 has a paused move/) });
    await sleep(500);
    const resumeSeq = tracker.seq;
    tracker.start();
    await waitFor(() => director.frames.filter((fr) => cam(fr) && seqOf(cam(fr)!) >= resumeSeq).length > 40, 15_000, 'resumed frames');
    tracker.stop();

    const frames = director.frames.filter((fr) => fr.cameras.some((c) => c.id === CAMERA));
    const lastIdx = frames.findIndex((fr) => seqOf(cam(fr)) === lastSeq); // the first frame made after the last sample arrived
    const staleIdx = frames.findIndex((fr, i) => i > lastIdx && cam(fr).stale);
    const resumeIdx = frames.findIndex((fr) => seqOf(cam(fr)) >= resumeSeq);
    expect(lastIdx).toBeGreaterThan(0);
    expect(staleIdx).toBeGreaterThan(lastIdx);
    expect(resumeIdx).toBeGreaterThan(staleIdx);

    // Stale: not before the timeout has passed since the sample arrived (after the tick before lastIdx), and in every
    // frame ticked later than the timeout plus two ticks after it arrived (by the tick of lastIdx). A loaded box may
    // tick late or skip frames; the engine times in the frames say when each tick really ran.
    const sinceLastS = (i: number) => tickS(frames[i]!) - tickS(frames[lastIdx]!);
    // The engine's own last stall (ticks further apart than half the timeout) is not the rig's silence: a late tick
    // on a loaded box flags one tick later, never sooner.
    const listeningS = (i: number) => {
      let k = i;
      while (k > lastIdx && tickS(frames[k]!) - tickS(frames[k - 1]!) <= STALE_TIMEOUT_S / 2) k--;
      return sinceLastS(i) - (k > lastIdx ? tickS(frames[k]!) - tickS(frames[k - 1]!) : 0);
    };
    expect(tickS(frames[staleIdx]!) - tickS(frames[lastIdx - 1]!)).toBeGreaterThan(STALE_TIMEOUT_S);
    for (let i = lastIdx; i < resumeIdx; i++) {
      if (listeningS(i) > STALE_TIMEOUT_S + 2 / FPS) expect(cam(frames[i]!).stale, `frame ${frames[i]!.frame}, ${sinceLastS(i)} s after`).toBe(true);
      if (i < staleIdx) expect(cam(frames[i]!).stale).toBe(false);
    }
    expect(sinceLastS(resumeIdx - 1)).toBeGreaterThan(STALE_TIMEOUT_S + 2 / FPS); // the silence was long enough to tell

    // Hold: once stale, the camera stands exactly still, no further than the last sample (no extrapolation runaway).
    const lastX = tracker.xAt(lastSeq);
    const held = cam(frames[staleIdx]!).position;
    for (let i = staleIdx; i < resumeIdx; i++) {
      expect(cam(frames[i]!).stale).toBe(true);
      expect(cam(frames[i]!).position).toEqual(held);
    }
    expect(held[0]).toBeLessThanOrEqual(lastX + 1e-6);
    expect(lastX - held[0]).toBeLessThan(SPEED_M_PER_S * 0.2); // the jitter filter's lag (~0.1 s), no more
    // Before it was flagged, prediction ran at most 50 ms past the newest sample.
    for (let i = lastIdx; i < staleIdx; i++) expect(cam(frames[i]!).position[0]).toBeLessThanOrEqual(lastX + SPEED_M_PER_S * 0.05 + 1e-6);

    // The move: paused by the engine within a tick of the stale flag, still while paused, resumed once fresh.
    const pausedIdx = frames.findIndex((fr, i) => i >= staleIdx && fr.move?.status === 'paused');
    expect(frames[pausedIdx]!.frame - frames[staleIdx]!.frame).toBeLessThanOrEqual(1);
    expect(frames[resumeIdx - 1]!.move!.progress).toBe(frames[resumeIdx - 5]!.move!.progress); // at rest after easing down
    const resumedIdx = frames.findIndex((fr, i) => i >= resumeIdx && fr.move?.status === 'running');
    expect(frames[resumedIdx]!.frame - frames[resumeIdx]!.frame).toBeLessThanOrEqual(1);
    const audit = director.messages
      .filter((m): m is EventMessage => m.type === 'event' && m.name === 'audit')
      .map((m) => m.data as AuditRecordWire)
      .filter((r) => r.type === 'move.paused' || r.type === 'move.resumed');
    expect(audit.map((r) => [r.type, r.actor, r.data?.cause])).toEqual([
      ['move.paused', { kind: 'engine' }, 'tracking-stale'],
      ['move.resumed', { kind: 'engine' }, 'tracking-fresh'],
    ]);
    expect(audit[0]!.moveId).toBe(frames[resumeIdx]!.move!.moveId);

    // Resume: from the held pose towards the new samples, never past them, each frame's step within 2.5× what the rig
    // moved in that frame's time (the prediction picking up again takes up to ~1.9×). A filter that counted the
    // silence as elapsed time let the first sample through almost unfiltered: 3.4–4× here, then a stall.
    for (let i = resumeIdx - 1; i < frames.length - 1; i++) {
      const a = frames[i]!;
      const b = frames[i + 1]!;
      const stepM = cam(b).position[0] - cam(a).position[0];
      const rigStepM = SPEED_M_PER_S * Math.max(tickS(b) - tickS(a), 1 / FPS);
      expect(stepM, `frame ${b.frame}`).toBeGreaterThanOrEqual(-1e-9);
      expect(stepM, `frame ${b.frame}`).toBeLessThanOrEqual(2.5 * rigStepM + 1e-5);
      expect(cam(b).position[0], `frame ${b.frame}`).toBeLessThanOrEqual(tracker.xAt(seqOf(cam(b))) + 1e-6);
      expect(cam(b).stale).toBe(false);
    }
  }, 90_000);
});
