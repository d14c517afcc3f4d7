// Tests for the OpenTrackIO sample schema: the published examples, accepted versions, and the reason for each refusal.
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { RejectReason } from '../DecodeResult.ts';
import { parseOpenTrackIoSample } from './OpenTrackIoSample.ts';

const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

const minimal = (extra: Record<string, unknown> = {}) => ({
  protocol: { name: 'OpenTrackIO', version: [1, 0, 1] },
  transforms: [{ translation: { x: 0, y: 0, z: 1.5 }, rotation: { pan: 0, tilt: 0, roll: 0 } }],
  ...extra,
});

const reasonOf = (value: unknown) => {
  const r = parseOpenTrackIoSample(value);
  return r.ok ? 'accepted' : r.reason;
};

describe('parseOpenTrackIoSample', () => {
  it('accepts all four published camdkit examples (they declare 0.9.3)', () => {
    for (const name of ['recommended_dynamic_example.json', 'recommended_static_example.json', 'complete_dynamic_example.json', 'complete_static_example.json']) {
      const r = parseOpenTrackIoSample(fixture(name));
      expect(r.ok, name).toBe(true);
    }
  });

  it('keeps the fields it reads and drops the rest', () => {
    const r = parseOpenTrackIoSample(fixture('complete_static_example.json'));
    if (!r.ok) throw new Error(r.detail);
    expect(r.sample.lens).toEqual({
      pinholeFocalLength: 24.305,
      focusDistance: 10,
      fStop: 4,
      encoders: { focus: 0.1, iris: 0.2, zoom: 0.3 },
      distortion: [
        { model: 'Brown-Conrady U-D', radial: [1, 2, 3, 4, 5, 6], tangential: [1, 2], overscan: 3 },
        { radial: [1, 2, 3, 4, 5, 6], tangential: [1, 2], overscan: 2 },
      ],
      entrancePupilOffset: 0.123,
      projectionOffset: { x: 0.1, y: 0.2 },
    });
    expect(r.sample.static).toEqual({ camera: { activeSensorPhysicalDimensions: { width: 36, height: 24 }, label: 'A' }, lens: { distortionOverscanMax: 1.2 } });
    expect(r.sample.timing?.sampleTimestamp).toEqual({ seconds: 1718806554, nanoseconds: 500000000 });
    expect(r.sample.transforms).toHaveLength(3);
    expect(r.sample).not.toHaveProperty('custom');
    expect(r.sample).not.toHaveProperty('globalStage');
  });

  it('accepts every 0.9.x and 1.0.x version, and a sample with no protocol block', () => {
    for (const version of [[0, 9, 0], [0, 9, 3], [1, 0, 0], [1, 0, 1], [1, 0, 9]]) {
      expect(reasonOf(minimal({ protocol: { name: 'OpenTrackIO', version } })), version.join('.')).toBe('accepted');
    }
    expect(reasonOf({ transforms: minimal().transforms })).toBe('accepted');
  });

  it('refuses other versions and names as Schema, saying which version', () => {
    for (const version of [[1, 1, 0], [2, 0, 0], [0, 8, 9]]) {
      const r = parseOpenTrackIoSample(minimal({ protocol: { name: 'OpenTrackIO', version } }));
      expect(r).toMatchObject({ ok: false, reason: RejectReason.Schema });
      if (!r.ok) expect(r.detail).toContain(`${version.join('.')} is not supported`);
    }
    expect(reasonOf(minimal({ protocol: { name: 'OpenTrackIO', version: [1, 0] } }))).toBe(RejectReason.Schema);
    expect(reasonOf(minimal({ protocol: { name: 'OpenTrackIO', version: [1, 0, 10] } }))).toBe(RejectReason.OutOfRange);
    expect(reasonOf(minimal({ protocol: { name: 'FreeD', version: [1, 0, 1] } }))).toBe(RejectReason.Schema);
  });

  it('refuses wrong types as Schema', () => {
    expect(reasonOf(42)).toBe(RejectReason.Schema);
    expect(reasonOf(null)).toBe(RejectReason.Schema);
    expect(reasonOf(minimal({ lens: { pinholeFocalLength: '24' } }))).toBe(RejectReason.Schema);
    expect(reasonOf(minimal({ transforms: [{ translation: [1, 2, 3], rotation: {} }] }))).toBe(RejectReason.Schema);
    expect(reasonOf(minimal({ transforms: [{ rotation: { pan: 0 } }] }))).toBe(RejectReason.Schema); // translation is required
    expect(reasonOf(minimal({ transforms: [] }))).toBe(RejectReason.Schema); // minItems 1
    expect(reasonOf(minimal({ sourceNumber: 1.5 }))).toBe(RejectReason.Schema);
    expect(reasonOf(minimal({ timing: { timecode: { hours: 1, minutes: 2, seconds: 3 } } }))).toBe(RejectReason.Schema);
    expect(reasonOf(minimal({ tracker: { status: 7 } }))).toBe(RejectReason.Schema);
  });

  it('refuses NaN and infinities as NotFinite, wherever we read a number', () => {
    expect(reasonOf(minimal({ transforms: [{ translation: { x: Number.NaN }, rotation: {} }] }))).toBe(RejectReason.NotFinite);
    expect(reasonOf(minimal({ transforms: [{ translation: {}, rotation: { tilt: Infinity } }] }))).toBe(RejectReason.NotFinite);
    expect(reasonOf(minimal({ lens: { focusDistance: -Infinity } }))).toBe(RejectReason.NotFinite);
    // NotFinite wins even when another problem is reported first.
    expect(reasonOf({ sourceNumber: 'x', lens: { fStop: Number.NaN } })).toBe(RejectReason.NotFinite);
  });

  it('refuses absurd values as OutOfRange', () => {
    expect(reasonOf(minimal({ lens: { pinholeFocalLength: 0 } }))).toBe(RejectReason.OutOfRange);
    expect(reasonOf(minimal({ lens: { pinholeFocalLength: -35 } }))).toBe(RejectReason.OutOfRange);
    expect(reasonOf(minimal({ lens: { fStop: 0 } }))).toBe(RejectReason.OutOfRange);
    expect(reasonOf(minimal({ lens: { encoders: { zoom: 1.2 } } }))).toBe(RejectReason.OutOfRange);
    expect(reasonOf(minimal({ transforms: [{ translation: { x: 10_001 }, rotation: {} }] }))).toBe(RejectReason.OutOfRange);
    expect(reasonOf(minimal({ transforms: [{ translation: {}, rotation: { pan: 2e6 } }] }))).toBe(RejectReason.OutOfRange);
    expect(reasonOf(minimal({ timing: { timecode: { hours: 24, minutes: 0, seconds: 0, frames: 0 } } }))).toBe(RejectReason.OutOfRange);
    expect(reasonOf(minimal({ timing: { sampleTimestamp: { seconds: 1, nanoseconds: 1e9 } } }))).toBe(RejectReason.OutOfRange);
    // "Consumers shall discard any messages containing a Source Number of 0 or 201-255."
    expect(reasonOf(minimal({ sourceNumber: 0 }))).toBe(RejectReason.OutOfRange);
    expect(reasonOf(minimal({ sourceNumber: 201 }))).toBe(RejectReason.OutOfRange);
    expect(reasonOf(minimal({ sourceNumber: 200 }))).toBe('accepted');
  });

  it('checks the lens extras against camdkit\'s schema: required members, list sizes, ranges', () => {
    const lens = (fields: Record<string, unknown>) => reasonOf(minimal({ lens: fields }));
    expect(lens({ distortion: [{ radial: [1e-3, -2e-6], tangential: [1e-4], overscan: 1, model: 'Brown-Conrady U-D' }] })).toBe('accepted');
    expect(lens({ distortion: [{ tangential: [1] }] })).toBe(RejectReason.Schema); // radial is required
    expect(lens({ distortion: [{ radial: [] }] })).toBe(RejectReason.Schema); // minItems 1
    expect(lens({ distortion: [{ radial: [1], tangential: [] }] })).toBe(RejectReason.Schema);
    expect(lens({ distortion: [] })).toBe(RejectReason.Schema);
    expect(lens({ distortion: [{ radial: [1], model: '' }] })).toBe(RejectReason.Schema); // non-blank
    expect(lens({ distortion: [{ radial: Array(33).fill(0) }] })).toBe(RejectReason.Schema);
    expect(lens({ distortion: [{ radial: [1, Number.NaN] }] })).toBe(RejectReason.NotFinite);
    expect(lens({ distortion: [{ radial: [1], overscan: 0.99 }] })).toBe(RejectReason.OutOfRange); // overscan >= 1
    expect(lens({ distortionOverscan: 0.5 })).toBe(RejectReason.OutOfRange);
    expect(lens({ projectionOffset: { x: 0.1 } })).toBe(RejectReason.Schema); // x and y both required
    expect(lens({ projectionOffset: { x: 0.1, y: 2000 } })).toBe(RejectReason.OutOfRange);
    expect(lens({ entrancePupilOffset: '0.1' })).toBe(RejectReason.Schema);
    expect(lens({ entrancePupilOffset: 20 })).toBe(RejectReason.OutOfRange);
    expect(reasonOf(minimal({ static: { lens: { distortionOverscanMax: 0.9 } } }))).toBe(RejectReason.OutOfRange);
    expect(reasonOf(minimal({ static: { camera: { label: '' } } }))).toBe(RejectReason.Schema);
    expect(reasonOf(minimal({ static: { camera: { activeSensorPhysicalDimensions: { width: 36 } } } }))).toBe(RejectReason.Schema);
  });

  it('accepts angles beyond one turn (continuous pan) and very far focus', () => {
    expect(reasonOf(minimal({ transforms: [{ translation: {}, rotation: { pan: 7200 } }], lens: { focusDistance: 1e9 } }))).toBe('accepted');
  });
});
