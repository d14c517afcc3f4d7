// A take survives the engine being SIGKILLed mid-take: a real engine process (npm start's entry point) is killed,
// started again on the same data dir, and the take is cut at its last good record, marked recovered, and listed,
// having lost at most the last 100 ms.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FrameMessage } from '../../engine/protocol/LiveMessages.ts';
import type { TakeManifest } from '../../engine/protocol/takes.ts';
import { startEngineProcess } from '../support/engineProcess.ts';
import { connectLive } from '../support/liveClient.ts';
import { waitFor } from '../support/startTestEngine.ts';

const TOKENS = { director: 'crash-director-1', viewer: 'crash-viewer-1' };
let dataDir = '';
const children: ChildProcess[] = [];

/** The engine as npm start runs it, with a simulated camera on free loopback ports; resolves with its HTTP port. */
async function startEngine(): Promise<{ child: ChildProcess; port: number }> {
  const engine = await startEngineProcess({ VP_DATA_DIR: dataDir, VP_SIMULATE: '1', VP_AI_THREAD: 'main', VP_TOKENS: `director=${TOKENS.director},viewer=${TOKENS.viewer}` });
  children.push(engine.child);
  return { child: engine.child, port: engine.ports.http };
}

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a take when the engine is SIGKILLed', () => {
  it('is recovered on the next start, cut at its last good record, losing at most 100 ms', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-crash-'));
    const first = await startEngine();
    const live = await connectLive(`ws://127.0.0.1:${first.port}/live?token=${TOKENS.director}`);
    const started = await live.command('take.start', { slate: 'CRASH' });
    expect(started.ok).toBe(true);
    const take = started.result as TakeManifest;
    await live.nextFrame((f) => (f.take?.recording?.frames ?? 0) > 60, 10000);
    // The last frame the walls had when the power went: the take must reach it, give or take 100 ms (5 frames).
    const seen = live.lastFrame() as FrameMessage;
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    await live.close().catch(() => {});

    const second = await startEngine();
    const res = await fetch(`http://127.0.0.1:${second.port}/api/takes/${take.id}?token=${TOKENS.viewer}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { manifest: TakeManifest; frames: number; audit: { type: string }[] };
    expect(body.manifest).toMatchObject({ id: take.id, slate: 'CRASH', state: 'recovered', corruptRegions: 0 });
    expect(body.manifest.note).toMatch(/recovered after an unclean stop/);
    expect(body.frames).toBe(body.manifest.frameCount);
    const lastRecorded = body.manifest.firstFrame + body.manifest.frameCount - 1;
    expect(lastRecorded).toBeGreaterThanOrEqual(seen.frame - 5);
    expect(body.audit.map((a) => a.type)).toContain('take.started');
    const list = await fetch(`http://127.0.0.1:${second.port}/api/takes?token=${TOKENS.viewer}`).then((r) => r.json() as Promise<{ takes: TakeManifest[] }>);
    expect(list.takes.find((t) => t.id === take.id)?.state).toBe('recovered');
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  });
});
