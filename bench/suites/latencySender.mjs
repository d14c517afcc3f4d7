// Worker: sends OSC pose datagrams at a fixed rate (cameras × Hz); position x carries the sequence number / 1000
// (or, with `inView`, keeps the cameras facing the demo wall),
// and the send time (CLOCK_MONOTONIC ns, shared by all threads) goes into shared memory.
// Plain JavaScript: Node 20 workers do not take tsx's loader.
import dgram from 'node:dgram';
import { parentPort, workerData } from 'node:worker_threads';
import { encode, Message } from 'node-osc';

/** @type {{ port: number, cameras: number, rateHz: number, count: number, sendTimesNs: SharedArrayBuffer, inView?: boolean }} */
const { port, cameras, rateHz, count, sendTimesNs, inView = false } = workerData;
const sendTimes = new Float64Array(sendTimesNs);
const socket = dgram.createSocket('udp4');
const f = (value) => ({ type: 'float', value });

// Pre-encode so the send loop measures the network path, not our encoder.
// `inView`: instead of carrying the sequence, x sweeps the cameras across the open side of the demo volume (10 s a
// sweep, 5 cm apart), so their inner frusta stay on the main wall as on a shoot.
const xOf = (seq) => (inView ? -1.5 + (3 * (Math.floor(seq / cameras) % (rateHz * 10))) / (rateHz * 10) + (seq % cameras) * 0.05 : seq / 1000);
const packets = Array.from({ length: count }, (_, seq) => encode(new Message(`/camera/bench${seq % cameras}/pose`, f(xOf(seq)), f(1.5), f(3), f(0), f(0), f(0), f(1))));

const periodNs = 1e9 / rateHz;
let start = 0n;
let seq = 0;
let tick = 0;
// Never block: dgram resolves even an IP literal on process.nextTick, so a blocked thread sends nothing.
function loop() {
  if (start === 0n) start = process.hrtime.bigint();
  const due = start + BigInt(Math.round(tick * periodNs));
  const aheadMs = Number(due - process.hrtime.bigint()) / 1e6;
  if (aheadMs > 0) {
    // Timer granularity (~1 ms) only shifts when a tick goes out, not the measured latency.
    setTimeout(loop, aheadMs);
    return;
  }
  for (let c = 0; c < cameras && seq < count; c++, seq++) {
    sendTimes[seq] = Number(process.hrtime.bigint());
    socket.send(packets[seq], port, '127.0.0.1');
  }
  tick++;
  if (seq < count) setImmediate(loop);
  // Let the last datagrams leave before closing.
  else setTimeout(() => socket.close(() => parentPort?.postMessage('done')), 50);
}

// Bind first: an unbound socket queues sends until its implicit bind completes on the event loop.
socket.bind(0, '127.0.0.1', loop);
