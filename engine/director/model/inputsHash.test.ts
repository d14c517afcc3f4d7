import { describe, expect, it } from 'vitest';
import type { DirectorInput } from '../DirectorInput.ts';
import { canonicalJson, inputsHash } from './inputsHash.ts';

const input: DirectorInput = {
  camera: { position: [0, 1.5, 3], rotation: [0, 0, 0, 1], focalLengthMm: 35, sensorWidthMm: 36, sensorHeightMm: 24 },
  subjects: [{ id: 'ana', position: [0, 1.5, 0], velocity: [0, 0, 0] }],
  pois: [],
  recentMoves: [],
  sceneAgeS: 12,
};

describe('inputsHash', () => {
  it('sorts keys at every level, drops undefined members and writes -0 as 0', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, -0, undefined], c: 'x' }, e: undefined })).toBe('{"a":{"c":"x","d":[1,0,null]},"b":1}');
  });

  it('is a sha256 hex digest that ignores key order and changes with any value', () => {
    const reordered = { sceneAgeS: 12, recentMoves: [], pois: [], subjects: input.subjects, camera: { ...input.camera } } as DirectorInput;
    expect(inputsHash(input)).toMatch(/^[0-9a-f]{64}$/);
    expect(inputsHash(reordered)).toBe(inputsHash(input));
    expect(inputsHash({ ...input, sceneAgeS: 12.001 })).not.toBe(inputsHash(input));
  });
});
