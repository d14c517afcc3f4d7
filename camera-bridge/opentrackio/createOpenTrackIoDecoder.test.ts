// Tests for the receiver-bound OpenTrackIO decoder: per-sender reassembly timed by each datagram's receive time.
import type dgram from 'node:dgram';
import { describe, it, expect } from 'vitest';
import { AxisMapping, IDENTITY_MAPPING } from '../AxisMapping.ts';
import { createOpenTrackIoDecoder } from './createOpenTrackIoDecoder.ts';
import { encodeOpenTrackIoPackets } from './encodeOpenTrackIo.ts';
import { OtrkEncoding } from './OtrkHeader.ts';

const sender = (address: string, port = 55555) => ({ address, port, family: 'IPv4', size: 0 }) as dgram.RemoteInfo;
const sample = { sourceNumber: 3, transforms: [{ translation: { x: 1, y: 2, z: 3 }, rotation: { pan: 0, tilt: 0, roll: 0 } }], tracker: { notes: 'x'.repeat(300) } };

describe('createOpenTrackIoDecoder', () => {
  const packets = encodeOpenTrackIoPackets(sample, { sequenceNumber: 10, maxSegmentPayloadBytes: 200 });

  it('completes a segmented sample from one sender', () => {
    const decode = createOpenTrackIoDecoder(new AxisMapping(IDENTITY_MAPPING));
    const results = packets.map((p) => decode(Buffer.from(p), sender('10.0.0.1'), 5));
    expect(results.at(-1)).toMatchObject({ ok: true, updates: [{ cameraId: 'otio-3', position: [1, 2, 3] }] });
  });

  it('decodes CBOR segments delivered as Node Buffers, even when the sender reuses its buffer', () => {
    const decode = createOpenTrackIoDecoder(new AxisMapping(IDENTITY_MAPPING));
    const cbor = encodeOpenTrackIoPackets(sample, { sequenceNumber: 1, encoding: OtrkEncoding.Cbor, maxSegmentPayloadBytes: 150 });
    expect(cbor.length).toBeGreaterThan(1);
    const reused = Buffer.alloc(1024);
    let result;
    for (const p of cbor) {
      reused.fill(0xee);
      reused.set(p);
      result = decode(reused.subarray(0, p.length), sender('10.0.0.1'), 5);
    }
    expect(result).toMatchObject({ ok: true, updates: [{ cameraId: 'otio-3', position: [1, 2, 3] }] });
  });

  it('never completes one sender\'s message with another sender\'s segments', () => {
    const decode = createOpenTrackIoDecoder(new AxisMapping(IDENTITY_MAPPING));
    expect(decode(Buffer.from(packets[0]!), sender('10.0.0.1'), 5).ok).toBe('pending');
    const rest = packets.slice(1).map((p) => decode(Buffer.from(p), sender('10.0.0.2'), 5));
    expect(rest.every((r) => r.ok === 'pending')).toBe(true);
  });

  it('expires incomplete messages on the receive-time clock', () => {
    const decode = createOpenTrackIoDecoder(new AxisMapping(IDENTITY_MAPPING), { timeoutS: 0.1 });
    expect(decode(Buffer.from(packets[0]!), sender('10.0.0.1'), 5).ok).toBe('pending');
    // 0.2 s later the first segment is gone, so the rest cannot complete.
    const late = packets.slice(1).map((p) => decode(Buffer.from(p), sender('10.0.0.1'), 5.2));
    expect(late.every((r) => r.ok === 'pending')).toBe(true);
  });
});
