// Fault: the AI director's worker thread crashes, on a real engine process. The crash is a real one: an uncaught
// exception thrown inside that thread, injected through the V8 inspector the way a debugger reaches a worker
// (NODE_OPTIONS=--inspect, then NodeWorker.sendMessageToWorker with a Runtime.evaluate). The engine itself carries
// no crash switch: what is tested is the restart path production runs (WorkerSuggestionSource). Afterwards the
// suggestions come back, a decision from before the crash is in the audit log, and one accepted after runs normally.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encode, Message } from 'node-osc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AuditRecordWire } from '../../engine/protocol/audit.ts';
import type { SuggestionsMessage } from '../../engine/protocol/LiveMessages.ts';
import { startEngineProcess, type EngineProcess } from '../support/engineProcess.ts';
import { connectLive, type TestLiveClient } from '../support/liveClient.ts';
import { waitFor } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

const TOKENS = 'director=crashai-director-1,viewer=crashai-viewer-1,operator=crashai-operator-1,designer=crashai-designer-1,render=crashai-render-1';
const f = (value: number) => ({ type: 'float', value });

let dataDir = '';
let engine: EngineProcess;
let udp: UdpClient;
let director: TestLiveClient;
let keepAlive: NodeJS.Timeout;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-fault-ai-'));
  engine = await startEngineProcess({ VP_DATA_DIR: dataDir, VP_TOKENS: TOKENS, VP_AI_THREAD: 'worker', VP_SCENE: 'demo', NODE_OPTIONS: '--inspect=127.0.0.1:0' });
  udp = createUdpClient();
  // A still camera and one person on set, both kept fresh.
  const send = () => {
    void udp.send(encode(new Message('/camera/sim-cam1/pose', ...[0, 1.6, 4, 0, 0, 0, 1].map(f))), engine.ports.osc);
    void udp.send(encode(new Message('/subject/talent1/position', f(0.5), f(0), f(-1))), engine.ports.osc);
  };
  send();
  keepAlive = setInterval(send, 20);
  director = await connectLive(engine.url('/live', 'crashai-director-1'));
}, 90_000);
afterAll(async () => {
  clearInterval(keepAlive);
  await director?.close().catch(() => {});
  await udp?.close();
  await engine?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Throws an uncaught error inside the worker thread titled `name`, through the engine's inspector. */
async function crashWorker(name: string): Promise<void> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(engine.output())?.[1];
  if (!url) throw new Error('the engine has no inspector (NODE_OPTIONS=--inspect)');
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  try {
    const sessionId = new Promise<string>((resolve) =>
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as { method?: string; params?: { sessionId: string; workerInfo: { title: string } } };
        if (m.method === 'NodeWorker.attachedToWorker' && m.params!.workerInfo.title.endsWith(name)) resolve(m.params!.sessionId);
      }),
    );
    ws.send(JSON.stringify({ id: 1, method: 'NodeWorker.enable', params: { waitForDebuggerOnStart: false } }));
    const evaluate = { id: 1, method: 'Runtime.evaluate', params: { expression: "setTimeout(() => { throw new Error('injected fault: the AI worker crashes'); }, 0)" } };
    ws.send(JSON.stringify({ id: 2, method: 'NodeWorker.sendMessageToWorker', params: { sessionId: await sessionId, message: JSON.stringify(evaluate) } }));
    await waitFor(() => /suggestion worker stopped/.test(engine.output()), 10_000, 'the engine noticing the crash');
  } finally {
    ws.close();
  }
}

const suggestionsAfter = (from: number): SuggestionsMessage | undefined =>
  director.messages.slice(from).filter((m): m is SuggestionsMessage => m.type === 'suggestions' && m.suggestions.length > 0).at(-1);
const health = async () => (await (await fetch(engine.url('/api/health'))).json()) as { director: { thread: string; workerRestarts: number } };

describe('the AI worker crashing', () => {
  it('is restarted; suggestions resume, no decision is lost, and a suggestion accepted after it runs', async () => {
    const before = await waitFor(() => suggestionsAfter(0), 30_000, 'suggestions');
    const first = before.suggestions[0]!;
    expect(await director.command('suggestion.accept', { suggestionId: first.id })).toMatchObject({ ok: true });
    expect((await health()).director).toMatchObject({ thread: 'worker', workerRestarts: 0 });

    const crashedAt = director.messages.length;
    await crashWorker('vantage-ai-director');
    expect(await director.command('suggestion.refresh', {})).toMatchObject({ ok: true }); // or wait for the 10 s refresh
    await waitFor(() => /suggestion worker restarted/.test(engine.output()), 30_000, 'the worker restarted');
    expect((await health()).director.workerRestarts).toBe(1);
    const after = await waitFor(() => suggestionsAfter(crashedAt), 30_000, 'suggestions after the crash');

    const second = after.suggestions[0]!;
    const accepted = await director.command('suggestion.accept', { suggestionId: second.id });
    expect(accepted).toMatchObject({ ok: true });
    const moving = await director.nextFrame((fr) => fr.move?.suggestionId === second.id && fr.move.status === 'running', 10_000);
    expect(moving.move).toMatchObject({ provenance: 'ai-approved', kind: second.kind });

    const res = await fetch(engine.url('/api/audit?type=suggestion.accepted', 'crashai-viewer-1'));
    const records = ((await res.json()) as { records: AuditRecordWire[] }).records;
    expect(records.map((r) => r.suggestionId)).toEqual([first.id, second.id]);
    expect(engine.output()).toContain('injected fault: the AI worker crashes'); // it died of our exception, nothing else
    expect(engine.child.exitCode).toBeNull(); // the engine never went down
  }, 120_000);
});
