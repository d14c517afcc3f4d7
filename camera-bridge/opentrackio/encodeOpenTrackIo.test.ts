// Tests for OpenTrackIO encoding: segmentation layout, sequence numbering, and engine pose → wire → engine pose round trips.
import { describe, it, expect } from 'vitest';
import { AxisMapping, Z_UP_TO_Y_UP } from '../AxisMapping.ts';
import type { CameraUpdate, Quat, Vec3 } from '../CameraSample.ts';
import { dotQuat, normalizeQuat } from '../math/quaternion.ts';
import { decodeOpenTrackIoPacket } from './decodeOpenTrackIo.ts';
import {
  buildOpenTrackIoSample,
  DEFAULT_MAX_SEGMENT_PAYLOAD_BYTES,
  encodeOpenTrackIoPackets,
  openTrackIoTransformFromPose,
  packetizeOpenTrackIoPayload,
} from './encodeOpenTrackIo.ts';
import { newOtrkHeader, OTRK_HEADER_BYTES, OtrkEncoding, parseOtrkHeader } from './OtrkHeader.ts';
import { SegmentReassembler } from './SegmentReassembler.ts';

const zUp = new AxisMapping(Z_UP_TO_Y_UP);
const headerOf = (packet: Uint8Array) => {
  const h = newOtrkHeader();
  const bad = parseOtrkHeader(packet, h);
  if (bad) throw new Error(bad.detail);
  return h;
};

describe('packetizeOpenTrackIoPayload', () => {
  const payload = Uint8Array.from({ length: 250 }, (_, i) => i);

  it('cuts 250 bytes at 100 into 3 packets with offsets 0/100/200, the last flag on the last only, valid checksums', () => {
    const packets = packetizeOpenTrackIoPayload(payload, { sequenceNumber: 65535, encoding: OtrkEncoding.Cbor, maxSegmentPayloadBytes: 100 });
    expect(packets.map((p) => p.length)).toEqual([116, 116, 66]);
    const headers = packets.map(headerOf);
    expect(headers.map((h) => h.segmentOffsetBytes)).toEqual([0, 100, 200]);
    expect(headers.map((h) => h.lastSegment)).toEqual([false, false, true]);
    expect(headers.map((h) => h.sequenceNumber)).toEqual([65535, 0, 1]); // per packet, wrapping
    expect(headers.every((h) => h.encoding === OtrkEncoding.Cbor)).toBe(true);
    expect(packets[1]!.subarray(OTRK_HEADER_BYTES)).toEqual(payload.subarray(100, 200));
  });

  it('can number all segments of a message alike', () => {
    const packets = packetizeOpenTrackIoPayload(payload, { sequenceNumber: 42, maxSegmentPayloadBytes: 100, sequencing: 'perMessage' });
    expect(packets.map((p) => headerOf(p).sequenceNumber)).toEqual([42, 42, 42]);
  });

  it('sends a small payload, or an empty one, as one final packet', () => {
    const [one, ...rest] = packetizeOpenTrackIoPayload(payload, { sequenceNumber: 1 });
    expect(rest).toHaveLength(0);
    expect(headerOf(one!)).toMatchObject({ segmentOffsetBytes: 0, lastSegment: true, payloadLengthBytes: 250, encoding: OtrkEncoding.Json });
    const [empty] = packetizeOpenTrackIoPayload(new Uint8Array(0), { sequenceNumber: 1 });
    expect(headerOf(empty!)).toMatchObject({ lastSegment: true, payloadLengthBytes: 0 });
  });

  it('keeps whole datagrams within a 1500-byte MTU by default', () => {
    expect(DEFAULT_MAX_SEGMENT_PAYLOAD_BYTES + OTRK_HEADER_BYTES + 8 + 20).toBe(1500);
    const packets = packetizeOpenTrackIoPayload(new Uint8Array(5000), { sequenceNumber: 0 });
    expect(Math.max(...packets.map((p) => p.length))).toBe(1472);
  });

  it('refuses segment sizes the 15-bit length field cannot carry', () => {
    expect(() => packetizeOpenTrackIoPayload(payload, { sequenceNumber: 0, maxSegmentPayloadBytes: 0 })).toThrow(RangeError);
    expect(() => packetizeOpenTrackIoPayload(payload, { sequenceNumber: 0, maxSegmentPayloadBytes: 32768 })).toThrow(RangeError);
  });
});

describe('buildOpenTrackIoSample', () => {
  it('stamps protocol OpenTrackIO 1.0.1 unless told otherwise', () => {
    expect(buildOpenTrackIoSample({ sourceNumber: 2 })).toEqual({ sourceNumber: 2, protocol: { name: 'OpenTrackIO', version: [1, 0, 1] } });
    expect(buildOpenTrackIoSample({ protocol: { name: 'OpenTrackIO', version: [0, 9, 3] } }).protocol?.version).toEqual([0, 9, 3]);
  });
});

describe('openTrackIoTransformFromPose', () => {
  it('turns an engine pose into Z-up metres and degrees: engine (1, 3, -2) looking -X is (1, 2, 3) at pan +90', () => {
    // Engine view -X with Y up = a +90 degree turn about engine +Y: q = (0, sin45, 0, cos45).
    const t = openTrackIoTransformFromPose([1, 3, -2], [0, Math.SQRT1_2, 0, Math.SQRT1_2], zUp);
    expect(t.translation.x).toBeCloseTo(1, 12);
    expect(t.translation.y).toBeCloseTo(2, 12);
    expect(t.translation.z).toBeCloseTo(3, 12);
    expect(t.rotation.pan).toBeCloseTo(90, 9);
    expect(t.rotation.tilt).toBeCloseTo(0, 9);
    expect(t.rotation.roll).toBeCloseTo(0, 9);
  });

  it('round-trips random engine poses through JSON and CBOR packets', () => {
    let seed = 99;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
    const reassembler = new SegmentReassembler();
    for (let i = 0; i < 200; i++) {
      const position: Vec3 = [rand() * 10, rand() * 3 + 3, rand() * 10];
      const rotation = normalizeQuat([rand(), rand(), rand(), rand()], [0, 0, 0, 1]);
      const sample = buildOpenTrackIoSample({ sourceNumber: 5, transforms: [openTrackIoTransformFromPose(position, rotation, zUp)] });
      const encoding = i % 2 ? OtrkEncoding.Cbor : OtrkEncoding.Json;
      let result;
      for (const p of encodeOpenTrackIoPackets(sample, { sequenceNumber: i, encoding, maxSegmentPayloadBytes: 40 })) {
        result = decodeOpenTrackIoPacket(p, reassembler, 'sim', zUp);
      }
      expect(result!.ok).toBe(true);
      const u = (result as { updates: CameraUpdate[] }).updates[0]!;
      position.forEach((v, k) => expect(u.position![k]).toBeCloseTo(v, 9));
      expect(Math.abs(dotQuat(u.rotation as Quat, rotation))).toBeCloseTo(1, 9); // same rotation, either sign
    }
  });
});
