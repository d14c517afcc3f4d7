import { describe, expect, it } from 'vitest';
import type { DirectorInput } from '../DirectorInput.ts';
import { MODEL_KINDS } from '../model/modelKinds.ts';
import { heuristicDirector } from './heuristicDirector.ts';
import { randomDirector } from './randomDirector.ts';
import { SeededRandom } from './SeededRandom.ts';

function input(patch: Partial<DirectorInput>): DirectorInput {
  return {
    camera: { position: [0, 1.6, 4], rotation: [0, 0, 0, 1], focalLengthMm: 35, sensorWidthMm: 36, sensorHeightMm: 24 },
    subjects: [],
    pois: [],
    recentMoves: [],
    sceneAgeS: 30,
    ...patch,
  };
}

describe('heuristicDirector', () => {
  it('ranks every kind exactly once', () => {
    const ranked = heuristicDirector(input({}));
    expect(ranked.map((r) => r.kind).sort()).toEqual([...MODEL_KINDS].sort());
    expect(ranked[0]?.kind).toBe('hold');
  });

  it('applies its few rules: pull-out at scene start, truck along a lateral walker, pan to an unseen POI', () => {
    expect(heuristicDirector(input({ sceneAgeS: 1 }))[0]?.kind).toBe('pull-out');
    const walker = heuristicDirector(input({ subjects: [{ id: 'a', position: [0, 1.2, 0], velocity: [-1, 0, 0] }] }));
    expect(walker[0]).toEqual({ kind: 'truck', numbers: { distanceM: -1, durationS: 4 } });
    const poi = heuristicDirector(input({ pois: [{ id: 'p', name: 'door', position: [-5, 1.5, 4] }] }));
    expect(poi[0]?.kind).toBe('pan');
    expect(poi[0]?.numbers.angleRad).toBeCloseTo(Math.PI / 2, 5);
  });
});

describe('randomDirector', () => {
  it('is a seeded random permutation of all kinds', () => {
    const a = randomDirector(new SeededRandom(1)).map((r) => r.kind);
    expect([...a].sort()).toEqual([...MODEL_KINDS].sort());
    expect(randomDirector(new SeededRandom(1)).map((r) => r.kind)).toEqual(a);
  });
});
