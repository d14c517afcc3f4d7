import { describe, expect, it } from 'vitest';
import type { MoveSpecWire } from '../../../engine/protocol/LiveMessages.ts';
import { MOVE_KINDS as PROTOCOL_MOVE_KINDS } from '../../../engine/protocol/MoveSpec.ts';
import { changesOf, describeSpec, draftOf, fieldsOf, MOVE_KINDS, specOf } from './moveSpecFields.ts';

const orbit: MoveSpecWire = { kind: 'orbit', angleRad: 0.5, durationS: 8, easing: 'ease-in-out', target: { type: 'subject', id: 'talent1' } };

describe('moveSpecFields', () => {
  it('offers every kind of the protocol in its order (the editor keeps zod out of the console bundle)', () => {
    expect(MOVE_KINDS).toEqual(PROTOCOL_MOVE_KINDS);
  });

  it('edits angles in degrees and sends radians', () => {
    const draft = draftOf(orbit);
    expect(draft.angleDeg).toBe(28.6); // 0.5 rad = 28.648°, shown to 0.1°
    const changes = changesOf(orbit, { ...draft, angleDeg: 45 });
    expect(changes).toEqual({ angleRad: Math.PI / 4 });
  });

  it('sends only what changed: an untouched angle does not come back as a rounding change', () => {
    expect(changesOf(orbit, draftOf(orbit))).toEqual({});
    expect(changesOf(orbit, { ...draftOf(orbit), durationS: 10, easing: { bezier: [0.2, 0, 0.3, 1] } })).toEqual({ durationS: 10, easing: { bezier: [0.2, 0, 0.3, 1] } });
  });

  it('changes the target and framing only on kinds that use them', () => {
    const push: MoveSpecWire = { kind: 'push-in', distanceM: 1, durationS: 4, easing: 'linear' };
    expect(changesOf(push, { ...draftOf(push), target: { type: 'poi', id: 'crates' }, framing: 0.6 })).toEqual({ target: { type: 'poi', id: 'crates' }, framing: { subjectHeightFraction: 0.6 } });
    const dolly: MoveSpecWire = { kind: 'dolly', distanceM: 1, durationS: 4, easing: 'linear' };
    expect(changesOf(dolly, { ...draftOf(dolly), target: { type: 'poi', id: 'crates' }, angleDeg: 30 })).toEqual({});
  });

  it('builds a complete spec for a new move with only the fields of its kind', () => {
    expect(specOf({ kind: 'pan', durationS: 3, speed: 1, distanceM: 2, angleDeg: -90, tiltDeg: 10, easing: 'linear', target: null, framing: null })).toEqual({ kind: 'pan', durationS: 3, easing: 'linear', angleRad: -Math.PI / 2 });
    expect(fieldsOf('hold')).toEqual({ distance: false, angle: false, tilt: false, target: false, framing: false });
  });

  it('edits an aim as a pan and a tilt in degrees, and sends only the part that changed', () => {
    const aim: MoveSpecWire = { kind: 'aim', angleRad: Math.PI / 4, tiltRad: 0.6154797, durationS: 3, easing: 'ease-in-out', target: { type: 'poi', id: 'arch' } };
    const draft = draftOf(aim);
    expect([draft.angleDeg, draft.tiltDeg]).toEqual([45, 35.3]);
    expect(changesOf(aim, draft)).toEqual({});
    expect(changesOf(aim, { ...draft, tiltDeg: 20 })).toEqual({ tiltRad: (20 * Math.PI) / 180 });
    expect(describeSpec(aim)).toBe('pan left 45° · tilt up 35° · 3.0 s · ease-in-out');
  });

  it('describes a spec for a card, amounts unsigned and their direction in the rationale\'s words', () => {
    expect(describeSpec(orbit)).toMatch(/^29° (counter-)?clockwise · 8\.0 s · ease-in-out$/);
    const base = { durationS: 2, easing: 'linear' as const };
    expect(describeSpec({ ...base, kind: 'pan', angleRad: -Math.PI / 4 })).toBe('right 45° · 2.0 s · linear');
    expect(describeSpec({ ...base, kind: 'pan', angleRad: Math.PI / 6 })).toBe('left 30° · 2.0 s · linear');
    expect(describeSpec({ ...base, kind: 'tilt', angleRad: -0.1745329 })).toBe('down 10° · 2.0 s · linear');
    expect(describeSpec({ ...base, kind: 'dolly', distanceM: -1.5 })).toBe('out 1.50 m · 2.0 s · linear');
    expect(describeSpec({ ...base, kind: 'truck', distanceM: 0.4 })).toBe('right 0.40 m · 2.0 s · linear');
    expect(describeSpec({ ...base, kind: 'pedestal', distanceM: -0.2 })).toBe('down 0.20 m · 2.0 s · linear');
    expect(describeSpec({ ...base, kind: 'crane', distanceM: 1, angleRad: -0.5 })).toBe('up 1.00 m · swing right 29° · 2.0 s · linear');
    expect(describeSpec({ ...base, kind: 'roll', angleRad: 0.1 })).toBe('counter-clockwise 6° · 2.0 s · linear');
    for (const kind of ['pan', 'tilt', 'dolly', 'truck', 'pedestal', 'crane', 'roll', 'aim', 'orbit'] as const) {
      expect(describeSpec({ ...base, kind, angleRad: -0.7, tiltRad: -0.3, distanceM: -1 })).not.toContain('-');
    }
  });
});
