import { describe, expect, it } from 'vitest';
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { TrackedPose } from './TrackedPose.ts';

describe('TrackedPose', () => {
  it('is unseen at the origin with no rotation until noted, then holds a copy of what it was given', () => {
    const tracked = new TrackedPose();
    expect(tracked).toMatchObject({ seen: false, positionM: [0, 0, 0], rotation: [0, 0, 0, 1] });
    const position: Vec3 = [1, 2, 3];
    const rotation: Quat = [0, Math.SQRT1_2, 0, Math.SQRT1_2];
    tracked.note(position, rotation);
    position[0] = 9; // the frame builder reuses its arrays
    rotation[3] = 0;
    expect(tracked).toMatchObject({ seen: true, positionM: [1, 2, 3], rotation: [0, Math.SQRT1_2, 0, Math.SQRT1_2] });
  });
});
