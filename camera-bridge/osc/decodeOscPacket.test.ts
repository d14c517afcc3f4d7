import { Bundle, encode, Message } from 'node-osc';
import { describe, expect, it } from 'vitest';
import { RejectReason } from '../DecodeResult.ts';
import { decodeOscPacket } from './decodeOscPacket.ts';

const F = (value: number) => ({ type: 'float', value });
const D = (value: number) => ({ type: 'double', value });

function pose(id: string, ...args: number[]) {
  return encode(new Message(`/camera/${id}/pose`, ...args.map(F)));
}

describe('decodeOscPacket', () => {
  it('decodes /camera/{id}/pose into position and unit quaternion', () => {
    const r = decodeOscPacket(pose('A', 1, 2, 3, 0, 0, 0, 1));
    expect(r).toEqual({ ok: true, updates: [{ kind: 'camera', cameraId: 'A', position: [1, 2, 3], rotation: [0, 0, 0, 1] }] });
  });

  it('accepts float32-rounded unit quaternions (|q| within 1e-3)', () => {
    const r = decodeOscPacket(pose('A', 0, 0, 0, 0, 0.7071, 0, 0.7071));
    expect(r.ok).toBe(true);
  });

  it('decodes /euler into a quaternion (pan 90 = 90 deg about +Y)', () => {
    const r = decodeOscPacket(encode(new Message('/camera/c1/euler', F(0), F(1.5), F(4), F(90), F(0), F(0))));
    if (r.ok !== true) throw new Error('expected ok');
    const u = r.updates[0]!;
    expect(u.kind).toBe('camera');
    if (u.kind !== 'camera') return;
    expect(u.rotation![1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(u.rotation![3]).toBeCloseTo(Math.SQRT1_2, 6);
  });

  it('decodes /lens with and without focus/iris, ints and doubles as numbers', () => {
    const two = decodeOscPacket(encode(new Message('/camera/c1/lens', F(35), F(24.89))));
    expect(two).toMatchObject({ ok: true, updates: [{ lens: { focalLengthMm: 35, sensorWidthMm: expect.closeTo(24.89, 4) } }] });
    const four = decodeOscPacket(encode(new Message('/camera/c1/lens', 50, D(36), D(2.5), D(2.8))));
    expect(four).toMatchObject({ ok: true, updates: [{ lens: { focalLengthMm: 50, sensorWidthMm: 36, focusM: 2.5, iris: expect.closeTo(2.8, 5) } }] });
  });

  it('decodes /subject/{id}/position', () => {
    expect(decodeOscPacket(encode(new Message('/subject/talent-1/position', F(0.5), F(0), F(-2))))).toEqual({
      ok: true,
      updates: [{ kind: 'subject', subjectId: 'talent-1', position: [0.5, 0, -2] }],
    });
  });

  it('carries a bundle timetag to every element as the source time', () => {
    const unixS = 1_750_000_000.25;
    const bundle = new Bundle(unixS, ['/camera/a/pose', F(0), F(0), F(0), F(0), F(0), F(0), F(1)], ['/subject/s/position', F(1), F(2), F(3)]);
    const r = decodeOscPacket(encode(bundle));
    if (r.ok !== true) throw new Error(JSON.stringify(r));
    expect(r.updates).toHaveLength(2);
    for (const u of r.updates) expect(u.sourceTimeUnixS).toBeCloseTo(unixS, 5);
  });

  it('an immediate (0) timetag means receive time', () => {
    const r = decodeOscPacket(encode(new Bundle(0, ['/subject/s/position', F(1), F(2), F(3)])));
    if (r.ok !== true) throw new Error('expected ok');
    expect(r.updates[0]!.sourceTimeUnixS).toBeUndefined();
  });

  it.each([
    ['unknown address', encode(new Message('/foo/bar', F(1))), RejectReason.UnknownAddress],
    ['unknown camera verb', encode(new Message('/camera/a/zoom', F(1))), RejectReason.UnknownAddress],
    ['wrong arg count', pose('a', 1, 2, 3), RejectReason.BadArgs],
    ['string argument', encode(new Message('/camera/a/pose', 'x', F(0), F(0), F(0), F(0), F(0), F(1))), RejectReason.BadArgs],
    ['NaN', pose('a', NaN, 0, 0, 0, 0, 0, 1), RejectReason.NotFinite],
    ['Infinity', pose('a', 0, Infinity, 0, 0, 0, 0, 1), RejectReason.NotFinite],
    ['non-unit quaternion', pose('a', 0, 0, 0, 0, 0, 0, 2), RejectReason.NotUnitQuaternion],
    ['zero quaternion', pose('a', 0, 0, 0, 0, 0, 0, 0), RejectReason.NotUnitQuaternion],
    ['bad id characters', pose('a b', 0, 0, 0, 0, 0, 0, 1), RejectReason.BadArgs],
    ['negative focal length', encode(new Message('/camera/a/lens', F(-35), F(24))), RejectReason.OutOfRange],
    ['truncated', pose('a', 0, 0, 0, 0, 0, 0, 1).subarray(0, 20), RejectReason.Malformed],
    ['tiny', Buffer.from([1, 2]), RejectReason.TooShort],
    ['not 4-aligned', Buffer.from('/camera/a/pose\0\0,'), RejectReason.Malformed],
    ['huge', Buffer.alloc(9000), RejectReason.TooLong],
    ['garbage', Buffer.from('deadbeefdeadbeef', 'hex'), RejectReason.Malformed],
  ])('rejects %s', (_name, buf, reason) => {
    const r = decodeOscPacket(buf);
    expect(r.ok).toBe(false);
    if (r.ok === false) {
      expect(r.reason).toBe(reason);
      expect(r.detail.length).toBeGreaterThan(0);
    }
  });

  it('rejects a whole bundle when one element is bad, so no camera gets half a state', () => {
    const bundle = new Bundle(0, ['/camera/a/pose', F(0), F(0), F(0), F(0), F(0), F(0), F(1)], ['/camera/b/pose', F(0)]);
    expect(decodeOscPacket(encode(bundle))).toMatchObject({ ok: false, reason: RejectReason.BadArgs });
  });

  it('rejects bundles nested deeper than 4', () => {
    let inner: Bundle = new Bundle(0, ['/subject/s/position', F(1), F(2), F(3)]);
    for (let i = 0; i < 5; i++) inner = new Bundle(0, inner);
    expect(decodeOscPacket(encode(inner))).toMatchObject({ ok: false, reason: RejectReason.Malformed });
  });
});
