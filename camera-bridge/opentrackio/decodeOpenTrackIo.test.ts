// Tests for OpenTrackIO decoding end to end: camdkit's examples to engine-frame poses, JSON and CBOR, segments, every rejection, fuzz.
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { AxisMapping, IDENTITY_MAPPING, Z_UP_TO_Y_UP } from '../AxisMapping.ts';
import type { CameraUpdate, Quat, Vec3 } from '../CameraSample.ts';
import { RejectReason, type DecodeResult } from '../DecodeResult.ts';
import { rotateVec3 } from '../math/quaternion.ts';
import { decodeOpenTrackIoPacket, decodeOpenTrackIoPayload } from './decodeOpenTrackIo.ts';
import { encodeOpenTrackIoPackets, serializeOpenTrackIoSample } from './encodeOpenTrackIo.ts';
import { buildOtrkPacket, OtrkEncoding, otrkChecksum } from './OtrkHeader.ts';
import { SegmentReassembler } from './SegmentReassembler.ts';

const zUp = new AxisMapping(Z_UP_TO_Y_UP);
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const A = Math.SQRT1_2;
const S2 = Math.SQRT2;

/** Engine cameras look along -Z with +Y up and +X right. */
const view = (r: Quat) => rotateVec3(r, [0, 0, -1], [0, 0, 0]);
const upOf = (r: Quat) => rotateVec3(r, [0, 1, 0], [0, 0, 0]);
const rightOf = (r: Quat) => rotateVec3(r, [1, 0, 0], [0, 0, 0]);

function expectVec(actual: readonly number[] | undefined, expected: readonly number[]) {
  expect(actual).toBeDefined();
  expected.forEach((e, i) => expect(actual![i], `component ${i}`).toBeCloseTo(e, 9));
}

/** Feeds every packet; returns the last result. */
function decodeAll(packets: Uint8Array[], mapping = zUp, reassembler = new SegmentReassembler(), sender = '10.0.0.5:40000'): DecodeResult {
  let last: DecodeResult = { ok: 'pending' };
  for (const p of packets) last = decodeOpenTrackIoPacket(p, reassembler, sender, mapping);
  return last;
}

function updateOf(result: DecodeResult): CameraUpdate {
  if (result.ok !== true) throw new Error(`expected an update, got ${JSON.stringify(result)}`);
  expect(result.updates).toHaveLength(1);
  return result.updates[0] as CameraUpdate;
}

const sampleWith = (fields: Record<string, unknown>) => ({ protocol: { name: 'OpenTrackIO', version: [1, 0, 1] }, ...fields });
const single = (rotation: Record<string, number>, translation: Record<string, number> = { x: 0, y: 0, z: 0 }) =>
  sampleWith({ transforms: [{ translation, rotation }] });

describe('decodeOpenTrackIoPacket', () => {
  it('decodes camdkit\'s recommended example to the hand-worked engine pose', () => {
    const u = updateOf(decodeAll(encodeOpenTrackIoPackets(fixture('recommended_dynamic_example.json'), { sequenceNumber: 0 })));
    expect(u.cameraId).toBe('otio-1');
    // Translation (1, 2, 3) Z-up → engine (X, Z, -Y) = (1, 3, -2).
    expectVec(u.position, [1, 3, -2]);
    /*
     * pan 180, tilt 90, roll 45; R = Rz(180) Rx(90) Ry(45), a = √½:
     *   forward R(0,1,0): Ry leaves it, Rx(90) → (0,0,1), Rz(180) leaves it → (0, 0, 1)   looking straight up
     *   up      R(0,0,1): Ry(45) → (a,0,a), Rx(90) → (a,-a,0), Rz(180) → (-a, a, 0)
     *   right   R(1,0,0): Ry(45) → (a,0,-a), Rx(90) → (a,a,0), Rz(180) → (-a,-a, 0)
     * Engine (X, Z, -Y): forward (0, 1, 0), up (-a, 0, -a), right (-a, 0, a).
     */
    expectVec(view(u.rotation!), [0, 1, 0]);
    expectVec(upOf(u.rotation!), [-A, 0, -A]);
    expectVec(rightOf(u.rotation!), [-A, 0, A]);
    expect(u.lens).toEqual({
      focalLengthMm: 24.305,
      focusM: 10,
      iris: 4,
      zoom: 0.3,
      // One entry without a model: OpenTrackIO's default, and no tangential list is an empty one.
      distortion: { model: 'Brown-Conrady D-U', radial: [1, 2, 3], tangential: [1, 2] },
      distortionOverscan: 3.1,
      entrancePupilOffsetM: 0.123,
      projectionOffsetMm: [0.1, 0.2],
    });
    expect(u.timecode).toBe('01:02:03:04');
    expect(u.status).toBe('Optical Good');
    expect(u.sourceTimeUnixS).toBeUndefined(); // this example has no sampleTimestamp
  });

  it('composes camdkit\'s complete example\'s three-link chain and reads its static camera block', () => {
    const u = updateOf(decodeAll(encodeOpenTrackIoPackets(fixture('complete_static_example.json'), { sequenceNumber: 0 })));
    /*
     * Three identical links t = (1, 2, 3), R as above: R(1,0,0) = (-a,-a,0), R(0,1,0) = (0,0,1), R(0,0,1) = (-a,a,0).
     *   R t   = 1(-a,-a,0) + 2(0,0,1) + 3(-a,a,0)   = (-2√2, √2, 2)
     *   R² t  = -2√2(-a,-a,0) + √2(0,0,1) + 2(-a,a,0) = (2-√2, 2+√2, √2)
     *   P = t + R t + R² t = (3-3√2, 4+2√2, 5+√2) ≈ (-1.243, 6.828, 6.414)  → engine (3-3√2, 5+√2, -(4+2√2))
     *   forward R³(0,1,0) = R²(0,0,1) = R(-a,a,0) = (1/2, 1/2, a)       → engine (1/2, a, -1/2)
     */
    expectVec(u.position, [3 - 3 * S2, 5 + S2, -(4 + 2 * S2)]);
    expectVec(view(u.rotation!), [0.5, A, -0.5]);
    expect(u.lens).toMatchObject({ focalLengthMm: 24.305, sensorWidthMm: 36, sensorHeightMm: 24 });
    // The first distortion entry's own overscan (3) wins over static.lens.distortionOverscanMax (1.2).
    expect(u.lens?.distortionOverscan).toBe(3);
    expect(u.sourceTimeUnixS).toBe(1718806554.5);
  });

  it('decodes camdkit\'s complete dynamic example: the same chain, focal length and first distortion entry, no sensor', () => {
    const u = updateOf(decodeAll(encodeOpenTrackIoPackets(fixture('complete_dynamic_example.json'), { sequenceNumber: 0 })));
    expect(u.cameraId).toBe('otio-1');
    expectVec(u.position, [3 - 3 * S2, 5 + S2, -(4 + 2 * S2)]);
    /*
     * R³ from the columns of R² (e1 → (1/2, 1/2, -a), e2 → (-a, a, 0), e3 → (1/2, 1/2, a)), one more R:
     *   forward R³(0,1,0) = R(-a,a,0)       = (1/2, 1/2, a)
     *   right   R³(1,0,0) = R(1/2,1/2,-a)   = (1/2 - a/2, -1/2 - a/2, 1/2)
     *   up      R³(0,0,1) = R(1/2,1/2,a)    = (-1/2 - a/2, 1/2 - a/2, 1/2)
     * Engine (X, Z, -Y): forward (1/2, a, -1/2), right (1/2 - a/2, 1/2, 1/2 + a/2), up (-1/2 - a/2, 1/2, a/2 - 1/2).
     */
    const h = A / 2;
    expectVec(view(u.rotation!), [0.5, A, -0.5]);
    expectVec(rightOf(u.rotation!), [0.5 - h, 0.5, 0.5 + h]);
    expectVec(upOf(u.rotation!), [-0.5 - h, 0.5, h - 0.5]);
    expect(u.lens).toEqual({
      focalLengthMm: 24.305,
      focusM: 10,
      iris: 4,
      zoom: 0.3,
      distortion: { model: 'Brown-Conrady U-D', radial: [1, 2, 3, 4, 5, 6], tangential: [1, 2] },
      distortionOverscan: 3,
      entrancePupilOffsetM: 0.123,
      projectionOffsetMm: [0.1, 0.2],
    });
    expect(u.sourceTimeUnixS).toBe(1718806554.5);
    expect(u.timecode).toBe('01:02:03:04');
  });

  it('reads lens extras by their defaults and fallbacks: default model, pre-1.0 lens-level overscan, static maximum', () => {
    const lensOf = (fields: Record<string, unknown>) => updateOf(decodeAll(encodeOpenTrackIoPackets(sampleWith(fields), { sequenceNumber: 0 }))).lens;
    expect(lensOf({ lens: { distortion: [{ radial: [0.1] }] } })).toEqual({ distortion: { model: 'Brown-Conrady D-U', radial: [0.1], tangential: [] } });
    expect(lensOf({ lens: { distortion: [{ radial: [0.1] }], distortionOverscan: 1.05 } })?.distortionOverscan).toBe(1.05);
    expect(lensOf({ lens: { distortion: [{ radial: [0.1], overscan: 1.2 }], distortionOverscan: 1.05 } })?.distortionOverscan).toBe(1.2);
    expect(lensOf({ lens: { pinholeFocalLength: 35 }, static: { lens: { distortionOverscanMax: 1.3 } } })).toEqual({ focalLengthMm: 35, distortionOverscan: 1.3 });
    expect(lensOf({ lens: { entrancePupilOffset: -0.02, projectionOffset: { x: -0.5, y: 0 } } })).toEqual({ entrancePupilOffsetM: -0.02, projectionOffsetMm: [-0.5, 0] });
    // A zero sensor dimension means "unknown": neither is passed on.
    expect(lensOf({ lens: { pinholeFocalLength: 35 }, static: { camera: { activeSensorPhysicalDimensions: { width: 0, height: 0 } } } })).toEqual({ focalLengthMm: 35 });
  });

  it('pan +90 turns the camera to its LEFT: engine view -X (OpenTrackIO "+ve X to Y", unlike FreeD)', () => {
    // Z-up forward +Y → Rz(+90) → -X; engine (X, Z, -Y) = (-1, 0, 0).
    const u = updateOf(decodeAll(encodeOpenTrackIoPackets(single({ pan: 90 }), { sequenceNumber: 0 })));
    expectVec(view(u.rotation!), [-1, 0, 0]);
    // Zero angles look at the wall: engine -Z. Tilt +30 looks up: view (0, sin30, -cos30).
    expectVec(view(updateOf(decodeAll(encodeOpenTrackIoPackets(single({}), { sequenceNumber: 0 }))).rotation!), [0, 0, -1]);
    expectVec(view(updateOf(decodeAll(encodeOpenTrackIoPackets(single({ tilt: 30 }), { sequenceNumber: 0 }))).rotation!), [0, 0.5, -Math.sqrt(3) / 2]);
  });

  it('emits the native Z-up pose under an identity mapping (the hub maps per source)', () => {
    const u = updateOf(decodeAll(encodeOpenTrackIoPackets(single({ pan: 90 }, { x: 1, y: 2, z: 3 }), { sequenceNumber: 0 }), new AxisMapping(IDENTITY_MAPPING)));
    expectVec(u.position, [1, 2, 3]);
    expectVec(rotateVec3(u.rotation!, [0, 1, 0], [0, 0, 0]), [-1, 0, 0]);
  });

  it('names the camera after sourceNumber and keeps lens-only samples', () => {
    const u = updateOf(decodeAll(encodeOpenTrackIoPackets(sampleWith({ sourceNumber: 7, lens: { pinholeFocalLength: 35 } }), { sequenceNumber: 0 })));
    expect(u).toEqual({ kind: 'camera', cameraId: 'otio-7', lens: { focalLengthMm: 35 } });
  });

  it('decodes CBOR to the same update as JSON', () => {
    const sample = fixture('complete_static_example.json');
    const fromJson = updateOf(decodeAll(encodeOpenTrackIoPackets(sample, { sequenceNumber: 0, encoding: OtrkEncoding.Json })));
    const fromCbor = updateOf(decodeAll(encodeOpenTrackIoPackets(sample, { sequenceNumber: 0, encoding: OtrkEncoding.Cbor })));
    expect(fromCbor).toEqual(fromJson);
  });

  it('reassembles a CBOR sample sent in segments, out of order, with a duplicate', () => {
    const sample = fixture('complete_static_example.json');
    const packets = encodeOpenTrackIoPackets(sample, { sequenceNumber: 65534, encoding: OtrkEncoding.Cbor, maxSegmentPayloadBytes: 700 });
    expect(packets.length).toBeGreaterThanOrEqual(3);
    const reassembler = new SegmentReassembler();
    const order = [...packets.slice(1).reverse(), packets[1]!, packets[0]!];
    const results = order.map((p) => decodeOpenTrackIoPacket(p, reassembler, 's', zUp));
    expect(results.slice(0, -1).every((r) => r.ok === 'pending')).toBe(true);
    expectVec(updateOf(results.at(-1)!).position, [3 - 3 * S2, 5 + S2, -(4 + 2 * S2)]);
  });

  it('passes header and segment rejections through', () => {
    const [good] = encodeOpenTrackIoPackets(single({}), { sequenceNumber: 0 });
    const corrupt = good!.slice();
    corrupt[20] = corrupt[20]! ^ 0x01;
    expect(decodeAll([corrupt])).toMatchObject({ ok: false, reason: RejectReason.BadChecksum });
    expect(decodeAll([good!.subarray(0, 10)])).toMatchObject({ reason: RejectReason.TooShort });
    const overlapping = [
      buildOtrkPacket({ encoding: OtrkEncoding.Json, sequenceNumber: 1, segmentOffsetBytes: 0, lastSegment: false, payloadLengthBytes: 4 }, new Uint8Array(4)),
      buildOtrkPacket({ encoding: OtrkEncoding.Json, sequenceNumber: 1, segmentOffsetBytes: 2, lastSegment: true, payloadLengthBytes: 4 }, new Uint8Array(4)),
    ];
    expect(decodeAll(overlapping)).toMatchObject({ reason: RejectReason.SegmentError });
  });
});

describe('decodeOpenTrackIoPayload rejections', () => {
  const json = (text: string) => decodeOpenTrackIoPayload(new TextEncoder().encode(text), OtrkEncoding.Json, zUp);
  const cbor = (value: unknown) => decodeOpenTrackIoPayload(serializeOpenTrackIoSample(value, OtrkEncoding.Cbor), OtrkEncoding.Cbor, zUp);

  it('BadJson for text that is not JSON or not UTF-8', () => {
    expect(json('{"transforms": [')).toMatchObject({ ok: false, reason: RejectReason.BadJson });
    expect(json('')).toMatchObject({ reason: RejectReason.BadJson });
    expect(decodeOpenTrackIoPayload(new Uint8Array([0x7b, 0xff, 0x7d]), OtrkEncoding.Json, zUp)).toMatchObject({ reason: RejectReason.BadJson });
  });

  it('Malformed for bytes that are not CBOR', () => {
    expect(decodeOpenTrackIoPayload(new Uint8Array([0xff]), OtrkEncoding.Cbor, zUp)).toMatchObject({ reason: RejectReason.Malformed });
    expect(decodeOpenTrackIoPayload(new Uint8Array([0xa1, 0x61]), OtrkEncoding.Cbor, zUp)).toMatchObject({ reason: RejectReason.Malformed });
    expect(decodeOpenTrackIoPayload(new Uint8Array(0), OtrkEncoding.Cbor, zUp)).toMatchObject({ reason: RejectReason.Malformed });
  });

  it('Schema for the wrong shape, in either encoding', () => {
    expect(json('[1, 2, 3]')).toMatchObject({ reason: RejectReason.Schema });
    expect(json('{"transforms": [{"translation": {"x": "1"}, "rotation": {}}]}')).toMatchObject({ reason: RejectReason.Schema });
    expect(cbor(new Map<unknown, unknown>([[1, 2]]))).toMatchObject({ reason: RejectReason.Schema }); // a map key that is not text
    expect(cbor(sampleWith({ lens: new Map<unknown, unknown>([['fStop', 2], [7, 1]]) }))).toMatchObject({ reason: RejectReason.Schema });
    expect(cbor(sampleWith({ sourceNumber: 2n ** 64n }))).toMatchObject({ reason: RejectReason.Schema }); // bigint, not a number
    expect(json('{"protocol": {"name": "OpenTrackIO", "version": [1, 1, 0]}}')).toMatchObject({ reason: RejectReason.Schema });
  });

  it('Schema for a valid sample that carries nothing we use', () => {
    expect(json('{}')).toMatchObject({ reason: RejectReason.Schema });
    expect(json('{"protocol": {"name": "OpenTrackIO", "version": [1, 0, 1]}, "sourceNumber": 3, "custom": {"pot1": 1}}')).toMatchObject({ reason: RejectReason.Schema });
    expect(json('{"tracker": {"status": "Optical Lost"}}')).toMatchObject({ ok: true, updates: [{ cameraId: 'otio-1', status: 'Optical Lost' }] });
  });

  it('keeps a "__proto__" key from CBOR as plain data', () => {
    // {"tracker": {"status": "ok"}, "__proto__": {"polluted": true}}: a one-entry map (0xA1) widened to two (0xA2).
    const base = serializeOpenTrackIoSample({ tracker: { status: 'ok' } }, OtrkEncoding.Cbor);
    const key = new TextEncoder().encode('__proto__');
    const entry = [0x60 + key.length, ...key, ...serializeOpenTrackIoSample({ polluted: true }, OtrkEncoding.Cbor)];
    const bytes = new Uint8Array([0xa2, ...base.subarray(1), ...entry]);
    const r = decodeOpenTrackIoPayload(bytes, OtrkEncoding.Cbor, zUp);
    expect(r).toMatchObject({ ok: true, updates: [{ status: 'ok' }] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('NotFinite for NaN and infinities (JSON overflow, CBOR floats)', () => {
    expect(json('{"transforms": [{"translation": {"x": 1e999}, "rotation": {}}]}')).toMatchObject({ reason: RejectReason.NotFinite });
    expect(cbor(single({ pan: Number.NaN }))).toMatchObject({ reason: RejectReason.NotFinite });
    expect(cbor(sampleWith({ lens: { pinholeFocalLength: Infinity } }))).toMatchObject({ reason: RejectReason.NotFinite });
  });

  it('OutOfRange for absurd values, including a chain that adds up to more than 10 km', () => {
    expect(json('{"lens": {"pinholeFocalLength": 0}}')).toMatchObject({ reason: RejectReason.OutOfRange });
    expect(json('{"transforms": [{"translation": {"z": -20000}, "rotation": {}}]}')).toMatchObject({ reason: RejectReason.OutOfRange });
    const far = { translation: { x: 6000 }, rotation: {} };
    expect(cbor(sampleWith({ transforms: [far, far] }))).toMatchObject({ reason: RejectReason.OutOfRange });
  });
});

describe('decodeOpenTrackIoPacket under garbage', () => {
  it('never throws on 10k random and mutated datagrams', () => {
    let seed = 0x0715;
    const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32); // deterministic LCG
    const byte = () => Math.floor(rand() * 256);
    const valid = [
      ...encodeOpenTrackIoPackets(fixture('complete_static_example.json'), { sequenceNumber: 1, maxSegmentPayloadBytes: 900 }),
      ...encodeOpenTrackIoPackets(fixture('recommended_dynamic_example.json'), { sequenceNumber: 9, encoding: OtrkEncoding.Cbor }),
    ];
    const reassembler = new SegmentReassembler({ maxInFlightMessages: 8 });
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      let packet: Uint8Array;
      const kind = i % 3;
      if (kind === 0) {
        packet = Uint8Array.from({ length: Math.floor(rand() * 120) }, byte);
        if (rand() < 0.5 && packet.length >= 4) packet.set([0x4f, 0x54, 0x72, 0x6b]); // get past the magic sometimes
      } else {
        // A valid packet with a few bytes changed and a fresh checksum, so the damage reaches the payload decoders.
        packet = valid[Math.floor(rand() * valid.length)]!.slice();
        const flips = 1 + Math.floor(rand() * 4);
        for (let k = 0; k < flips; k++) packet[(kind === 1 ? 16 : 0) + Math.floor(rand() * (packet.length - (kind === 1 ? 16 : 0)))] = byte();
        const c = otrkChecksum(packet);
        packet[14] = c >> 8;
        packet[15] = c & 0xff;
      }
      let result: DecodeResult | undefined;
      expect(() => (result = decodeOpenTrackIoPacket(packet, reassembler, `s${i % 5}`, zUp))).not.toThrow();
      seen.add(result!.ok === false ? result!.reason : String(result!.ok));
      if (result!.ok === true) for (const u of result!.updates) expectFinite(u as CameraUpdate);
    }
    // The mutations really did reach the JSON, CBOR and schema stages.
    expect([...seen]).toEqual(expect.arrayContaining([RejectReason.BadHeader, RejectReason.BadJson, RejectReason.Schema, 'pending']));
  });
});

function expectFinite(u: CameraUpdate) {
  const numbers: number[] = [...(u.position ?? []), ...(u.rotation ?? []), ...numbersIn(u.lens)];
  for (const n of numbers) expect(Number.isFinite(n)).toBe(true);
  if (u.position) expect(Math.hypot(...(u.position as Vec3))).toBeLessThanOrEqual(10_000);
}

/** Every number inside a value (lens fields nest: distortion lists, the projection offset pair). */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(numbersIn);
}
