// Fuzz: 100k garbage datagrams per UDP port over real sockets; the engine survives, counts add up, and still decodes a good packet.
import { encode, Message } from 'node-osc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFreeD } from '../../camera-bridge/freed/index.ts';
import { encodeOpenTrackIoPackets } from '../../camera-bridge/opentrackio/index.ts';
import type { UdpReceiver } from '../../camera-bridge/UdpReceiver.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

const PACKETS_PER_PORT = 100_000;
/** Datagrams in flight before we let the engine drain: keeps the kernel buffer from dropping. */
const BATCH = 500;

let te: TestEngine;
let udp: UdpClient;
beforeAll(async () => {
  te = await startTestEngine();
  udp = createUdpClient();
});
afterAll(async () => {
  await udp.close();
  await te.close();
});

/** xorshift32: reproducible garbage, so a failure can be replayed from the seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

/** Mix of pure noise, truncations and bit-flipped valid packets: the last reach deep into the decoders. */
function garbage(valid: Uint8Array[], rand: () => number): Uint8Array {
  const kind = rand();
  if (kind < 0.4) {
    const n = Math.floor(rand() * (rand() < 0.1 ? 9000 : 128));
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256);
    return out;
  }
  const base = valid[Math.floor(rand() * valid.length)]!;
  if (kind < 0.6) return base.subarray(0, Math.floor(rand() * base.length));
  const out = Uint8Array.from(base);
  const flips = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < flips; i++) out[Math.floor(rand() * out.length)]! ^= 1 << Math.floor(rand() * 8);
  return out;
}

async function blast(port: number, receiver: UdpReceiver, valid: Uint8Array[], seed: number): Promise<void> {
  const rand = rng(seed);
  const startCount = receiver.datagrams;
  let sent = 0;
  while (sent < PACKETS_PER_PORT) {
    const batch: Promise<void>[] = [];
    for (let i = 0; i < BATCH && sent < PACKETS_PER_PORT; i++, sent++) {
      const p = garbage(valid, rand);
      // A zero-length datagram is legal UDP; keep them in the mix.
      batch.push(udp.send(p, port));
    }
    await Promise.all(batch);
    await waitFor(() => receiver.datagrams - startCount >= sent * 0.99, 5000, 'engine to drain the batch');
  }
  await waitFor(() => receiver.datagrams - startCount >= PACKETS_PER_PORT * 0.99, 5000, 'all garbage received');
}

function expectCountsAddUp(receiver: UdpReceiver): void {
  const byReason = Object.values(receiver.stats().rejectedByReason).reduce((a, b) => a + b, 0);
  expect(byReason).toBe(receiver.rejected.total);
  expect(receiver.decoded + receiver.pending + receiver.rejected.total).toBe(receiver.datagrams);
  expect(receiver.rejected.total).toBeGreaterThan(PACKETS_PER_PORT * 0.5);
}

describe('UDP receivers under 100k garbage datagrams each', () => {
  it('OSC', async () => {
    const valid = [
      encode(new Message('/camera/fz/pose', 0, 1, 2, 0, 0, 0, 1)),
      encode(new Message('/camera/fz/lens', 35, 24.89, 3, 2.8)),
      encode(new Message('/subject/s/position', 1, 2, 3)),
    ];
    const r = te.engine.receivers.osc;
    await blast(te.ports.osc, r, valid, 0x05c);
    expectCountsAddUp(r);
    await udp.send(encode(new Message('/camera/after-osc/pose', ...[4, 5, 6, 0, 0, 0, 1].map((value) => ({ type: 'float', value })))), te.ports.osc);
    const s = await waitFor(() => te.engine.hub.latestSample('after-osc'), 2000, 'good OSC packet after fuzz');
    expect(s.position).toEqual([4, 5, 6]);
  });

  it('FreeD', async () => {
    const raw = { cameraNumber: 9, panDeg: 10, tiltDeg: -5, rollDeg: 1, xMm: 100, yMm: 2000, zMm: 1500, zoomRaw: 1000, focusRaw: 2000 };
    const r = te.engine.receivers.freed;
    await blast(te.ports.freed, r, [encodeFreeD(raw)], 0xf3ed);
    expectCountsAddUp(r);
    await udp.send(encodeFreeD({ ...raw, cameraNumber: 200, xMm: 4000 }), te.ports.freed);
    const s = await waitFor(() => te.engine.hub.latestSample('freed-200'), 2000, 'good FreeD packet after fuzz');
    expect(s.position[0]).toBeCloseTo(4, 4);
  });

  it('OpenTrackIO', async () => {
    const sample = (sourceNumber: number, x: number) => ({
      protocol: { name: 'OpenTrackIO', version: [1, 0, 1] },
      sourceNumber,
      transforms: [{ translation: { x, y: 1, z: 1.5 }, rotation: { pan: 0, tilt: 0, roll: 0 } }],
    });
    const valid = [...encodeOpenTrackIoPackets(sample(7, 1), { sequenceNumber: 1 }), ...encodeOpenTrackIoPackets(sample(7, 1), { sequenceNumber: 2, maxSegmentPayloadBytes: 64 })];
    const r = te.engine.receivers.opentrackio;
    await blast(te.ports.opentrackio, r, valid, 0x07a0);
    expectCountsAddUp(r);
    for (const p of encodeOpenTrackIoPackets(sample(99, 3), { sequenceNumber: 3 })) await udp.send(p, te.ports.opentrackio);
    const s = await waitFor(() => te.engine.hub.latestSample('otio-99'), 2000, 'good OpenTrackIO packet after fuzz');
    expect(s.position[0]).toBeCloseTo(3, 5);
  });
});
