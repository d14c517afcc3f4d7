import { describe, expect, it } from 'vitest';
import type { DirectorInput } from '../DirectorInput.ts';
import { describeRationale, framingName } from './rationale.ts';
import { readSituation } from './readSituation.ts';

const base: DirectorInput = {
  camera: { position: [0, 1.6, 4], rotation: [0, 0, 0, 1], focalLengthMm: 35, sensorWidthMm: 36, sensorHeightMm: 24 },
  subjects: [{ id: 'Ana', position: [0, 1.2, 0], velocity: [-1.2, 0, 0] }],
  pois: [{ id: 'poi-window', name: 'window', position: [-5, 1.5, 0] }],
  recentMoves: [],
  sceneAgeS: 30,
};

describe('describeRationale', () => {
  it('says what is happening, then what the move does about it', () => {
    const r = readSituation(base);
    expect(describeRationale({ kind: 'truck', distanceM: -1.2, durationS: 4, easing: 'ease-out', target: { type: 'subject', id: 'Ana' } }, r)).toBe(
      'Ana is walking left toward the window; truck left 1.2 m to keep lead room.',
    );
  });

  it('names shot sizes for push-ins and the 180° line for pair orbits', () => {
    const still: DirectorInput = { ...base, subjects: [{ id: 'Ana', position: [0, 1.2, -4], velocity: [0, 0, 0] }], recentMoves: [{ kind: 'pan', endedAgoS: 12, decision: 'accepted' }] };
    expect(describeRationale({ kind: 'push-in', distanceM: 3, framing: { subjectHeightFraction: 0.6 }, durationS: 6, easing: 'ease-in-out', target: { type: 'subject', id: 'Ana' } }, readSituation(still))).toBe(
      'Ana is standing still for 12 s, small in a wide frame; push in to a medium close-up on Ana.',
    );
    const pair: DirectorInput = { ...still, subjects: [...still.subjects, { id: 'Ben', position: [1.5, 1.2, -4], velocity: [0, 0, 0] }] };
    expect(describeRationale({ kind: 'orbit', angleRad: -0.4, durationS: 6, easing: 'ease-in-out', target: { type: 'point', position: [0.75, 1.2, -4] } }, readSituation(pair))).toBe(
      'Ana and Ben are talking 1.5 m apart; orbit 23° clockwise around Ana and Ben, staying on this side of the 180° line.',
    );
    expect([0.2, 0.4, 0.6, 0.9].map(framingName)).toEqual(['wide shot', 'medium shot', 'medium close-up', 'close-up']);
  });
});
