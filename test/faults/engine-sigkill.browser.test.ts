// Fault: the engine process is SIGKILLed mid-take and started again on the same data dir and port. The audit log
// holds every decision that was acknowledged, in order and undamaged, and a console and a wall page in headless
// Chromium reconnect by themselves and show the new engine's frames. (take-crash.test.ts covers the take itself.)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecordWire } from '../../engine/protocol/audit.ts';
import type { TakeManifestWire } from '../../engine/protocol/takes.ts';
import { launchBrowser } from '../support/browser.ts';
import { startEngineProcess, type EngineProcess } from '../support/engineProcess.ts';
import { connectLive } from '../support/liveClient.ts';
import { waitFor } from '../support/startTestEngine.ts';

const TOKENS = { director: 'kill-director-1', viewer: 'kill-viewer-1', render: 'kill-render-1', operator: 'kill-operator-1', designer: 'kill-designer-1' };
const VP_TOKENS = Object.entries(TOKENS).map(([role, token]) => `${role}=${token}`).join(',');

interface WallStatus {
  frame: number;
  connection: string;
  take: { recording: boolean };
}
interface ConsoleStatus {
  connection: { state: string; reconnects: number };
  frame: number;
  takeRecording: string | null;
}
const wallStatus = (page: Page) => page.evaluate(() => (window as unknown as { vantageWall: WallStatus }).vantageWall);
const consoleStatus = (page: Page) => page.evaluate(() => (window as unknown as { vantageConsole: ConsoleStatus }).vantageConsole);

let dataDir = '';
let browser: Browser;
const engines: EngineProcess[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-fault-kill-'));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const e of engines) await e.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The engine as `npm start` runs it, with its two simulated cameras, on `dataDir`; `httpPort` 0 = a free one. */
async function start(httpPort: number): Promise<EngineProcess> {
  const e = await startEngineProcess({ VP_DATA_DIR: dataDir, VP_TOKENS, VP_SIMULATE: '1', VP_SCENE: 'demo', VP_HTTP_PORT: String(httpPort) });
  engines.push(e);
  return e;
}

describe('the engine SIGKILLed mid-take and started again', () => {
  it('keeps every acknowledged decision in the audit log, and the console and the wall reconnect by themselves', async () => {
    const first = await start(0);
    const wall = await browser.newPage({ viewport: { width: 384, height: 88 } });
    await wall.goto(first.url('/wall/main?scale=0.05', TOKENS.render));
    const consolePage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await consolePage.goto(first.url('/', TOKENS.director));
    await waitFor(async () => (await wallStatus(wall)).frame > 0, 30_000, 'the wall drawing');
    await waitFor(async () => {
      const s = await consoleStatus(consolePage).catch(() => undefined);
      return s?.connection.state === 'open' && s.frame > 0;
    }, 30_000, 'the console live');

    const live = await connectLive(first.url('/live', TOKENS.director));
    const take = (await live.command('take.start', { slate: 'KILL' })).result as TakeManifestWire;
    await live.nextFrame((f) => (f.take?.recording?.frames ?? 0) > 20, 10_000);
    await waitFor(async () => (await wallStatus(wall)).take.recording, 10_000, 'the wall showing the tally');
    // Decisions, each acknowledged before the next: the engine writes a decision to the audit log before its ack.
    const acked: { type: string; moveId: string }[] = [];
    const moved = await live.command('move.start', { spec: { kind: 'pedestal', distanceM: 0.3, durationS: 6, easing: 'ease-in-out' } });
    expect(moved).toMatchObject({ ok: true });
    const moveId = (moved.result as { moveId: string }).moveId;
    acked.push({ type: 'move.started', moveId });
    for (const [name, type] of [['move.pause', 'move.paused'], ['move.resume', 'move.resumed'], ['move.abort', 'move.aborted']] as const) {
      expect(await live.command(name, {})).toMatchObject({ ok: true });
      acked.push({ type, moveId });
    }
    first.child.kill('SIGKILL'); // right after the last ack: nothing had time to flush by itself
    expect(await first.exited).toBe('SIGKILL');
    await live.close().catch(() => {});
    await waitFor(async () => (await wallStatus(wall)).connection !== 'open', 5000, 'the wall noticing');

    const second = await start(first.ports.http);
    expect(second.ports.http).toBe(first.ports.http);
    const res = await fetch(second.url('/api/audit?limit=5000', TOKENS.viewer));
    const records = ((await res.json()) as { records: AuditRecordWire[] }).records;
    // Intact: every line readable, numbered 1, 2, 3… with no gap (a torn or lost line would leave one).
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    const decisions = records.filter((r) => r.moveId === moveId && r.actor.kind === 'human' && r.type !== 'move.finished').map((r) => ({ type: r.type, moveId: r.moveId }));
    expect(decisions).toEqual(acked);
    expect(records.find((r) => r.type === 'take.started')?.data).toMatchObject({ takeId: take.id });
    const takeRes = await fetch(second.url(`/api/takes/${take.id}`, TOKENS.viewer));
    expect(((await takeRes.json()) as { manifest: TakeManifestWire }).manifest.state).toBe('recovered');

    // Both pages reconnect on their own and show the new engine's frames (no take records there: no tally).
    const wallFrames = await waitFor(async () => {
      const s = await wallStatus(wall);
      return s.connection === 'open' && !s.take.recording && s.frame > 0 ? s.frame : undefined;
    }, 30_000, 'the wall back');
    await waitFor(async () => (await wallStatus(wall)).frame > wallFrames, 10_000, 'the wall drawing new frames');
    const consoleFrame = await waitFor(async () => {
      const s = await consoleStatus(consolePage);
      return s.connection.state === 'open' && s.connection.reconnects >= 1 && s.takeRecording === null && s.frame > 0 ? s.frame : undefined;
    }, 30_000, 'the console back');
    await waitFor(async () => (await consoleStatus(consolePage)).frame > consoleFrame, 10_000, 'the console receiving new frames');
  }, 180_000);
});
