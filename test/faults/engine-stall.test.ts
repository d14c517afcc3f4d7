// Fault: the engine process is descheduled (a box whose cores are busy elsewhere) for 300 ms at a time, while the
// embedded simulator's two cameras run and a rig streams OSC at 100 Hz from outside. The rig's samples wait in the
// socket meanwhile; neither it nor the simulated cameras may be called stale (and fresh again) for the engine's own
// stall. A rig that really stops is still flagged on time: test/faults/tracker-stops-mid-move.test.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encode, Message } from 'node-osc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineHealthWire } from '../../engine/protocol/health.ts';
import { startEngineProcess, type EngineProcess } from '../support/engineProcess.ts';
import { waitFor } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

const STALLS = 6;
const STALL_MS = 300;
const f = (value: number) => ({ type: 'float', value });

let dataDir = '';
let engine: EngineProcess;
let udp: UdpClient;
let timer: NodeJS.Timeout | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-fault-stall-'));
  engine = await startEngineProcess({ VP_DATA_DIR: dataDir, VP_SIMULATE: '1', VP_STALE_TIMEOUT_MS: '100', VP_SCENE: 'demo' });
  udp = createUdpClient();
}, 90_000);
afterAll(async () => {
  clearInterval(timer);
  await udp?.close();
  await engine?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const health = async () => (await (await fetch(engine.url('/api/health'))).json()) as EngineHealthWire;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an engine that stalls', () => {
  it('does not flag live rigs stale for its own stall', async () => {
    let x = 0;
    timer = setInterval(() => void udp.send(encode(new Message('/camera/rig1/pose', ...[(x += 0.001), 1.6, 4, 0, 0, 0, 1].map(f))), engine.ports.osc).catch(() => {}), 10);
    await waitFor(async () => {
      const h = await health();
      return ['osc:rig1', 'sim:sim-cam1', 'sim:sim-cam2'].every((id) => h.sources.some((s) => s.sourceId === id && !s.stale));
    }, 20_000, 'the rig and both simulated cameras live');
    const before = engine.output().length;
    const pid = engine.child.pid!;
    for (let i = 0; i < STALLS; i++) {
      process.kill(pid, 'SIGSTOP');
      await sleep(STALL_MS);
      process.kill(pid, 'SIGCONT');
      await sleep(400);
    }
    const h = await health();
    // The stalls happened, as the engine's own clock saw them: each 300 ms one is 15 frames at 50 fps, of which it
    // emits the 5 it may fall behind by and skips the rest...
    expect(h.frameClock.skipped).toBeGreaterThanOrEqual(STALLS * 5);
    // ...and no source went stale for them.
    const staleLines = engine.output().slice(before).split('\n').filter((l) => l.includes('tracking source stale'));
    expect(staleLines).toEqual([]);
    expect(h.sources.filter((s) => !s.stale).map((s) => s.sourceId).sort()).toEqual(['osc:rig1', 'sim:sim-cam1', 'sim:sim-cam2']);
  }, 60_000);
});
