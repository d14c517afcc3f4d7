// Worker: N WebSocket clients; each stamps (CLOCK_MONOTONIC ns) when a frame arrives, into shared memory by frame number.
// Plain JavaScript: Node 20 workers do not take tsx's loader.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

/** @type {{ url: string, clients: number, frames: number, recvNs: SharedArrayBuffer }} */
const { url, clients, frames, recvNs } = workerData;
const recv = new Float64Array(recvNs); // [client * frames + frame]
const FRAME_RE = /"frame":(\d+)/;
let firstFrame = -1;
let open = 0;

for (let c = 0; c < clients; c++) {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  ws.on('open', () => {
    if (++open === clients) parentPort?.postMessage({ type: 'ready' });
  });
  ws.on('message', (data) => {
    const now = Number(process.hrtime.bigint());
    // Only the frame number is read: both servers send the same bytes, so parsing cost is equal anyway.
    const m = FRAME_RE.exec(data.toString('latin1', 0, 200));
    if (!m) return;
    const frame = Number(m[1]);
    if (firstFrame < 0) firstFrame = frame;
    const i = frame - firstFrame;
    if (i >= 0 && i < frames) recv[c * frames + i] = now;
  });
}
parentPort?.on('message', (m) => {
  if (m === 'first') parentPort?.postMessage({ type: 'first', firstFrame });
});
