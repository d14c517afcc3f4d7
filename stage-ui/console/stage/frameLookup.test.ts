import { describe, expect, it } from 'vitest';
import { pathLinePoints } from './frameLookup.ts';

describe('pathLinePoints', () => {
  it('turns a ghost path into line points, pose by pose', () => {
    const path = { positions: [0, 1.6, 4, 0.5, 1.6, 3.5], rotations: [0, 0, 0, 1, 0, 0, 0, 1] };
    expect(pathLinePoints(path)).toEqual([
      [0, 1.6, 4],
      [0.5, 1.6, 3.5],
    ]);
  });

  it('doubles a single pose (a line needs two points) and stops at the shorter of positions and rotations', () => {
    expect(pathLinePoints({ positions: [1, 2, 3], rotations: [0, 0, 0, 1] })).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(pathLinePoints({ positions: [1, 2, 3, 4, 5, 6], rotations: [0, 0, 0, 1] })).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(pathLinePoints({ positions: [], rotations: [] })).toEqual([]);
  });
});
