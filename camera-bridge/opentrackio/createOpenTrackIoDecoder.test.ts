// Tests for the receiver-bound OpenTrackIO decoder: per-sender reassembly, per-stream sequence gate and static cache, timed by receive time.
import type dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { AxisMapping, IDENTITY_MAPPING } from '../AxisMapping.ts';
import type { CameraUpdate } from '../CameraSample.ts';
import { RejectReason, type DecodeResult } from '../DecodeResult.ts';
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

const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
/** camdkit's recommended examples: both say sampleRate 24000/1001, so a restart needs > 3 × 41.7 ms = 125.1 ms of silence. */
const withStatic = fixture('recommended_static_example.json');
const STREAM_ID = withStatic.sourceId as string;
/** The dynamic example as the same stream would send it between static blocks. */
const dynamic = { ...fixture('recommended_dynamic_example.json'), sourceId: STREAM_ID };

type Decode = ReturnType<typeof createOpenTrackIoDecoder>;
/** Sends one sample as its packets from `from`, all received at `timeS`; returns the last result. */
function send(decode: Decode, sample: unknown, sequenceNumber: number, timeS: number, from = sender('10.0.0.1')): DecodeResult {
  let last: DecodeResult = { ok: 'pending' };
  for (const p of encodeOpenTrackIoPackets(sample, { sequenceNumber })) last = decode(Buffer.from(p), from, timeS);
  return last;
}
const outcome = (r: DecodeResult) => (r.ok === false ? r.reason : r.ok);
function updateOf(r: DecodeResult): CameraUpdate {
  if (r.ok !== true) throw new Error(`expected an update, got ${JSON.stringify(r)}`);
  return r.updates[0] as CameraUpdate;
}

describe('createOpenTrackIoDecoder per-stream state', () => {
  const native = new AxisMapping(IDENTITY_MAPPING);

  it('applies the last static block to later samples of the same sourceId:sourceNumber, and to no other stream', () => {
    const decode = createOpenTrackIoDecoder(native);
    expect(updateOf(send(decode, dynamic, 0, 0)).lens).not.toHaveProperty('sensorWidthMm'); // no static block yet
    expect(updateOf(send(decode, withStatic, 1, 0.04)).lens).toMatchObject({ sensorWidthMm: 36, sensorHeightMm: 24 });
    const later = updateOf(send(decode, dynamic, 2, 0.08));
    expect(later.lens).toMatchObject({ focalLengthMm: 24.305, sensorWidthMm: 36, sensorHeightMm: 24 });
    expect(later.position).toEqual([1, 2, 3]);
    // The same producer's camera 2, and another producer's camera 1, have sent no static block.
    const otherNumber = updateOf(send(decode, { ...dynamic, sourceNumber: 2 }, 3, 0.08));
    expect(otherNumber.cameraId).toBe('otio-2');
    expect(otherNumber.lens).not.toHaveProperty('sensorWidthMm');
    expect(updateOf(send(decode, { ...dynamic, sourceId: undefined }, 4, 0.08)).lens).not.toHaveProperty('sensorWidthMm');
  });

  it('processes a repeated datagram once, from whichever interface it comes again', () => {
    const decode = createOpenTrackIoDecoder(native);
    const [p] = encodeOpenTrackIoPackets(dynamic, { sequenceNumber: 100 });
    expect(outcome(decode(Buffer.from(p!), sender('10.0.0.1'), 1))).toBe(true);
    const again = decode(Buffer.from(p!), sender('10.0.0.1'), 1.001);
    expect(again).toMatchObject({ ok: false, reason: RejectReason.Duplicate });
    expect(outcome(decode(Buffer.from(p!), sender('10.0.1.1'), 1.002))).toBe(RejectReason.Duplicate);
  });

  it('processes a repeated segmented message once', () => {
    const decode = createOpenTrackIoDecoder(native);
    const packets = encodeOpenTrackIoPackets(dynamic, { sequenceNumber: 200, maxSegmentPayloadBytes: 300 });
    expect(packets.length).toBeGreaterThan(2);
    const results = [...packets, ...packets].map((p) => outcome(decode(Buffer.from(p), sender('10.0.0.1'), 2)));
    const pending = packets.slice(1).map(() => 'pending');
    expect(results).toEqual([...pending, true, ...pending, RejectReason.Duplicate]);
  });

  it('drops a message older than one already taken, but takes it after more than 3 sample periods of silence (a restart)', () => {
    const decode = createOpenTrackIoDecoder(native);
    expect(outcome(send(decode, dynamic, 10, 0))).toBe(true);
    expect(outcome(send(decode, dynamic, 12, 0.042))).toBe(true);
    expect(outcome(send(decode, dynamic, 11, 0.05))).toBe(RejectReason.OutOfOrder); // overtaken by 12
    // The sender restarts and counts from 0 again: refused 100 ms after 12, taken 130 ms after it.
    expect(outcome(send(decode, dynamic, 0, 0.142))).toBe(RejectReason.OutOfOrder);
    expect(updateOf(send(decode, dynamic, 0, 0.172)).position).toEqual([1, 2, 3]);
    expect(outcome(send(decode, dynamic, 1, 0.213))).toBe(true);
  });

  it('never lets a dropped message change the cached static block', () => {
    const decode = createOpenTrackIoDecoder(native);
    send(decode, withStatic, 5, 0);
    const stale = { ...withStatic, static: { camera: { activeSensorPhysicalDimensions: { width: 24.89, height: 18.66 } } } };
    expect(outcome(send(decode, stale, 4, 0.01))).toBe(RejectReason.OutOfOrder);
    expect(updateOf(send(decode, dynamic, 6, 0.04)).lens).toMatchObject({ sensorWidthMm: 36, sensorHeightMm: 24 });
  });

  it('remembers at most maxStreams streams', () => {
    const decode = createOpenTrackIoDecoder(native, { maxStreams: 1 });
    const second = { ...withStatic, sourceNumber: 9 };
    send(decode, withStatic, 1, 0);
    expect(updateOf(send(decode, dynamic, 2, 0.01)).lens).toMatchObject({ sensorWidthMm: 36 });
    send(decode, second, 1, 0.02); // the second stream evicts the first's static block and sequence state
    expect(outcome(send(decode, second, 1, 0.025))).toBe(RejectReason.Duplicate);
    expect(updateOf(send(decode, dynamic, 3, 0.03)).lens).not.toHaveProperty('sensorWidthMm');
    // ...and the first, heard again, evicted the second: its repeat is new again, not a Duplicate.
    expect(outcome(send(decode, second, 1, 0.04))).toBe(true);
  });
});
