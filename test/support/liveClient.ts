// A real `ws` client of /live for tests: collects messages, sends commands and waits for acks and frames.
import WebSocket from 'ws';
import type { AckMessage, FrameMessage, HelloMessage, ServerMessage } from '../../engine/protocol/LiveMessages.ts';
import { waitFor } from './startTestEngine.ts';

export interface TestLiveClient {
  ws: WebSocket;
  hello: HelloMessage;
  frames: FrameMessage[];
  messages: ServerMessage[];
  lastFrame(): FrameMessage | undefined;
  command(name: string, args?: unknown): Promise<AckMessage>;
  nextFrame(predicate?: (f: FrameMessage) => boolean, timeoutMs?: number): Promise<FrameMessage>;
  close(): Promise<void>;
}

let commandSeq = 0;

export async function connectLive(url: string): Promise<TestLiveClient> {
  const ws = new WebSocket(url.replace(/^http/, 'ws'), { perMessageDeflate: false });
  const messages: ServerMessage[] = [];
  const frames: FrameMessage[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as ServerMessage;
    messages.push(m);
    if (m.type === 'frame') frames.push(m);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const hello = (await waitFor(() => messages.find((m) => m.type === 'hello'), 2000, 'hello')) as HelloMessage;
  return {
    ws,
    hello,
    frames,
    messages,
    lastFrame: () => frames[frames.length - 1],
    async command(name, args) {
      const id = `c${++commandSeq}`;
      ws.send(JSON.stringify({ type: 'command', id, name, args }));
      return (await waitFor(() => messages.find((m) => m.type === 'ack' && m.id === id), 2000, `ack for ${name}`)) as AckMessage;
    },
    async nextFrame(predicate = () => true, timeoutMs = 2000) {
      const start = frames.length;
      return waitFor(() => frames.slice(start).find(predicate), timeoutMs, 'a matching frame');
    },
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      ws.close();
      await new Promise<void>((r) => ws.once('close', () => r()));
    },
  };
}
