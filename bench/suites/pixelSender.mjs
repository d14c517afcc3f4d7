// Worker: tracking for the latency-to-pixel bench. One camera at a fixed rate: each OSC bundle carries a pose (x
// sweeping slowly, so the frustum stays on the wall) and a lens whose focal length encodes the sequence number
// (20 mm + seq/1000: poses are predicted, a lens is not), to as many ports as given; the send time (Unix ms, the
// same clock a page's performance.timeOrigin + now() reads) goes into shared memory. Plain JavaScript (a worker).
import dgram from 'node:dgram';
import { parentPort, workerData } from 'node:worker_threads';
import { Bundle, encode } from 'node-osc';

/** @type {{ ports: number[], cameraId: string, rateHz: number, count: number, sendUnixMs: SharedArrayBuffer }} */
const { ports, cameraId, rateHz, count, sendUnixMs } = workerData;
const sendTimes = new Float64Array(sendUnixMs);
const socket = dgram.createSocket('udp4');
const f = (value) => ({ type: 'float', value });
const focalOf = (seq) => 20 + (seq % 10000) / 1000;
const packets = Array.from({ length: count }, (_, seq) => {
  const x = -1 + 2 * ((seq % (rateHz * 20)) / (rateHz * 20));
  return encode(new Bundle([`/camera/${cameraId}/pose`, f(x), f(1.6), f(3), f(0), f(0), f(0), f(1)], [`/camera/${cameraId}/lens`, f(focalOf(seq)), f(24.89)]));
});
const periodMs = 1000 / rateHz;
let seq = 0;
const start = performance.now();
function loop() {
  if (seq >= count) {
    setTimeout(() => socket.close(() => parentPort?.postMessage('done')), 50);
    return;
  }
  const due = start + seq * periodMs;
  const aheadMs = due - performance.now();
  if (aheadMs > 0.5) return void setTimeout(loop, aheadMs - 0.5);
  if (aheadMs > 0) return void setImmediate(loop);
  sendTimes[seq] = performance.timeOrigin + performance.now();
  for (const port of ports) socket.send(packets[seq], port, '127.0.0.1');
  seq++;
  setImmediate(loop);
}
socket.bind(0, '127.0.0.1', loop);
