// The floor baseline: every kind in a random order with random (but valid) parameters.
import { MODEL_KINDS } from '../model/modelKinds.ts';
import type { RankedMove } from './heuristicDirector.ts';
import type { SeededRandom } from './SeededRandom.ts';

/** A uniformly random ranking of all 11 kinds; numbers drawn from plausible ranges. */
export function randomDirector(rng: SeededRandom): RankedMove[] {
  return rng.shuffle([...MODEL_KINDS]).map((kind) => {
    const durationS = rng.uniform(2, 8);
    switch (kind) {
      case 'dolly':
      case 'truck':
      case 'pedestal':
        return { kind, numbers: { distanceM: rng.uniform(-2, 2), durationS } };
      case 'pan':
      case 'tilt':
      case 'orbit':
        return { kind, numbers: { angleRad: rng.uniform(-1, 1), durationS } };
      case 'roll':
        return { kind, numbers: { angleRad: rng.uniform(-0.2, 0.2), durationS } };
      case 'crane':
        return { kind, numbers: { distanceM: rng.uniform(-1, 1.5), angleRad: rng.uniform(-0.5, 0.5), durationS } };
      case 'push-in':
      case 'pull-out':
        return { kind, numbers: { subjectHeightFraction: rng.uniform(0.2, 0.7), distanceM: rng.uniform(0.5, 3), durationS } };
      case 'hold':
        return { kind, numbers: { durationS } };
    }
  });
}
