import { describe, expect, it } from 'vitest';
import { ONE_SUBJECT_INPUT } from '../../../test/support/directorInputs.ts';
import type { DirectorInput, DirectorSubject, PointOfInterest } from '../DirectorInput.ts';
import type { MoveSpec } from '../../protocol/MoveSpec.ts';
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

/** A subject standing at (x, z) on the floor. */
function standing(id: string, x: number, z: number): DirectorSubject {
  return { id, position: [x, 1.2, z], velocity: [0, 0, 0] };
}

const guestChairs: PointOfInterest = { id: 'poi-chairs', name: 'Guest chairs', position: [0, 1, -2] }; // straight ahead, in frame
const firstArch: PointOfInterest = { id: 'poi-arch', name: 'First arch', position: [0.5, 2, -6] }; // ahead, in frame
const steps: PointOfInterest = { id: 'poi-steps', name: 'Steps', position: [-8, 0.5, 0] }; // far off to the left
const terrace: PointOfInterest = { id: 'poi-terrace', name: 'Terrace', position: [9, 1, 0] }; // far off to the right
const empty: DirectorInput = { ...base, subjects: [], pois: [] };
const onPoi = (id: string): MoveSpec['target'] => ({ type: 'poi', id });
const onSubject = (id: string): MoveSpec['target'] => ({ type: 'subject', id });

describe('describeRationale: agreement with point-of-interest names', () => {
  it('uses "are" for a plural name and "is" for a singular one, with "the" before both', () => {
    const hold: MoveSpec = { kind: 'hold', durationS: 5, easing: 'linear', target: onPoi('poi-chairs') };
    expect(describeRationale(hold, readSituation({ ...empty, pois: [guestChairs] }))).toBe(
      'The Guest chairs are in frame and nothing is moving; hold for 5 s and let the shot play.',
    );
    expect(describeRationale({ ...hold, target: onPoi('poi-arch') }, readSituation({ ...empty, pois: [firstArch] }))).toBe(
      'The First arch is in frame and nothing is moving; hold for 5 s and let the shot play.',
    );
  });

  it('refers back to a plural name as "them" and a singular one as "it"', () => {
    const pan: MoveSpec = { kind: 'pan', angleRad: 1.2, durationS: 3, easing: 'ease-in-out', target: onPoi('poi-steps') };
    expect(describeRationale(pan, readSituation({ ...empty, pois: [steps] }))).toBe(
      'The Steps are out of frame to the left and nothing is moving; pan left 69° to bring them into frame.',
    );
    expect(describeRationale({ ...pan, angleRad: -1.2, target: onPoi('poi-terrace') }, readSituation({ ...empty, pois: [terrace] }))).toBe(
      'The Terrace is out of frame to the right and nothing is moving; pan right 69° to bring it into frame.',
    );
  });
});

describe('describeRationale: aims', () => {
  it('says both axes of an aim, and the hold time as the card shows it', () => {
    const arch: PointOfInterest = { id: 'poi-arch', name: 'First arch', position: [-3, 9.6, -6] }; // up and to the left, out of frame
    const aim: MoveSpec = { kind: 'aim', angleRad: 0.29, tiltRad: 0.62, durationS: 3, easing: 'ease-in-out', target: onPoi('poi-arch') };
    expect(describeRationale(aim, readSituation({ ...empty, pois: [arch] }))).toBe(
      'The First arch is out of frame to the left and nothing is moving; pan left 17° and tilt up 36° to bring it into frame.',
    );
    expect(describeRationale({ kind: 'hold', durationS: 3.46, easing: 'linear' }, readSituation(empty))).toBe('The shot is settled; hold for 3.5 s and let the shot play.');
  });
});

describe('describeRationale: articles', () => {
  it('says "an orbit" but "a pan"', () => {
    const hold: MoveSpec = { kind: 'hold', durationS: 3, easing: 'linear' };
    expect(describeRationale(hold, readSituation({ ...empty, recentMoves: [{ kind: 'orbit', endedAgoS: 0, decision: 'accepted' }] }))).toBe(
      'An orbit is still running; hold for 3 s and let the shot play.',
    );
    expect(describeRationale(hold, readSituation({ ...empty, recentMoves: [{ kind: 'pan', endedAgoS: 1, decision: 'accepted' }] }))).toBe(
      'A pan just finished; hold for 3 s and let the shot play.',
    );
  });
});

describe('describeRationale: shot sizes are for people', () => {
  it('frames a point of interest instead of naming a shot size', () => {
    const pushIn: MoveSpec = { kind: 'push-in', distanceM: 2, framing: { subjectHeightFraction: 0.6 }, durationS: 5, easing: 'ease-in-out', target: onPoi('poi-chairs') };
    const pullOut: MoveSpec = { kind: 'pull-out', distanceM: 2, framing: { subjectHeightFraction: 0.3 }, durationS: 5, easing: 'ease-in-out', target: onPoi('poi-arch') };
    const sentences = [
      describeRationale(pushIn, readSituation({ ...empty, pois: [guestChairs] })),
      describeRationale(pullOut, readSituation({ ...empty, pois: [firstArch] })),
      describeRationale({ ...pullOut, target: onPoi('poi-chairs') }, readSituation({ ...empty, pois: [guestChairs] })),
    ];
    expect(sentences).toEqual([
      'The Guest chairs are in frame and nothing is moving; push in to frame the Guest chairs.',
      'The First arch is in frame and nothing is moving; pull out 2.0 m to frame the First arch and its surroundings.',
      'The Guest chairs are in frame and nothing is moving; pull out 2.0 m to frame the Guest chairs and their surroundings.',
    ]);
    for (const s of sentences) expect(s).not.toMatch(/wide shot|medium|close-up/);
  });

  it('keeps the shot size for a subject target', () => {
    const r = readSituation(ONE_SUBJECT_INPUT);
    expect(describeRationale({ kind: 'push-in', distanceM: 3, framing: { subjectHeightFraction: 0.8 }, durationS: 5, easing: 'ease-in-out', target: onSubject('ana') }, r)).toBe(
      'Ana is standing still, small in a wide frame; push in to a close-up on ana.',
    );
    expect(describeRationale({ kind: 'pull-out', distanceM: 1.5, framing: { subjectHeightFraction: 0.4 }, durationS: 5, easing: 'ease-in-out', target: onSubject('ana') }, r)).toBe(
      'Ana is standing still, small in a wide frame; pull out 1.5 m to a medium shot to open up the frame.',
    );
  });
});

describe('describeRationale: the observation is about what the move targets', () => {
  it('observes the target, not whoever else is nearer or walking', () => {
    const anaWalks: DirectorInput = { ...empty, subjects: [{ id: 'ana', position: [0, 1.2, -1], velocity: [-1.2, 0, 0] }, standing('ben', 3, -3)] };
    expect(describeRationale({ kind: 'pan', angleRad: -0.35, durationS: 3, easing: 'ease-in-out', target: onSubject('ben') }, readSituation(anaWalks))).toBe(
      'Ben is off-centre; pan right 20° to ben.',
    );
    const anaNearer: DirectorInput = { ...empty, subjects: [standing('ana', 1, 0)], pois: [guestChairs], recentMoves: [{ kind: 'pan', endedAgoS: 12, decision: 'accepted' }] };
    expect(
      describeRationale({ kind: 'push-in', distanceM: 1.5, framing: { subjectHeightFraction: 0.7 }, durationS: 5, easing: 'ease-in-out', target: onPoi('poi-chairs') }, readSituation(anaNearer)),
    ).toBe('The Guest chairs are in frame and nothing is moving; push in to frame the Guest chairs.');
    const farApart: DirectorInput = { ...empty, subjects: [standing('ana', 0, -1), standing('ben', 9, -1)] };
    expect(describeRationale({ kind: 'pull-out', distanceM: 1.5, durationS: 5, easing: 'ease-in-out', target: onSubject('ana') }, readSituation(farApart))).toBe(
      'Ana is standing still, well framed; pull out 1.5 m to open up the frame.',
    );
  });

  it('says why when the observation is about something other than the target', () => {
    const toFountain: DirectorInput = {
      ...empty,
      subjects: [{ id: 'ana', position: [0, 1.2, -2], velocity: [-1.2, 0, 0] }],
      pois: [{ id: 'poi-fountain', name: 'fountain', position: [-6, 1, -2] }],
    };
    expect(describeRationale({ kind: 'pan', angleRad: 0.35, durationS: 3, easing: 'ease-out', target: onPoi('poi-fountain') }, readSituation(toFountain))).toBe(
      'Ana is walking left toward the fountain; pan left 20° to the fountain ahead of ana.',
    );
    const sceneStart: DirectorInput = { ...empty, pois: [guestChairs], sceneAgeS: 1 };
    expect(describeRationale({ kind: 'crane', distanceM: 1, angleRad: 0.3, durationS: 6, easing: 'ease-in-out', target: onPoi('poi-chairs') }, readSituation(sceneStart))).toBe(
      'The scene just started; crane up 1.0 m, swinging 17° left to reveal the Guest chairs.',
    );
  });
});

describe('describeRationale: a hold on no one', () => {
  it('talks about the shot, never about someone out of frame it does nothing for', () => {
    // Ana is behind the camera: a hold cannot frame her, so it comes without a target.
    const input: DirectorInput = { ...ONE_SUBJECT_INPUT, subjects: [{ id: 'ana', position: [0, 1.2, 9], velocity: [0, 0, 0] }] };
    const text = describeRationale({ kind: 'hold', durationS: 4, easing: 'linear' }, readSituation(input));
    expect(text).toMatch(/^The shot is settled; hold/);
    expect(text).not.toMatch(/ana/i);
  });
});
