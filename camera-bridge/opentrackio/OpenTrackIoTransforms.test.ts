// Tests for OpenTrackIO's rotation convention and transform-chain composition, in its own Z-up frame, with hand-worked vectors.
import { describe, it, expect } from 'vitest';
import type { Quat, Vec3 } from '../CameraSample.ts';
import { rotateVec3 } from '../math/quaternion.ts';
import type { OpenTrackIoTransform } from './OpenTrackIoSample.ts';
import { composeOpenTrackIoTransforms, openTrackIoRotationFromQuat, quatFromOpenTrackIoRotation } from './OpenTrackIoTransforms.ts';

const FORWARD: Vec3 = [0, 1, 0]; // +Y: where the camera looks at pan = tilt = roll = 0
const UP: Vec3 = [0, 0, 1];
const RIGHT: Vec3 = [1, 0, 0];
const H = Math.SQRT1_2;

const q = (pan: number, tilt: number, roll: number) => quatFromOpenTrackIoRotation(pan, tilt, roll, [0, 0, 0, 1]);
const apply = (rot: Quat, v: Vec3) => rotateVec3(rot, v, [0, 0, 0]);
function expectVec(actual: readonly number[], expected: readonly number[]) {
  expected.forEach((e, i) => expect(actual[i], `component ${i}`).toBeCloseTo(e, 9));
}

describe('quatFromOpenTrackIoRotation', () => {
  // The OpenTrackIO axis diagram (camdkit resources/img/Axis_Rotation.svg) labels each positive rotation.
  it('pan +90: "+ve X to Y", so forward (+Y) swings to -X, the camera turns to its left', () => {
    expectVec(apply(q(90, 0, 0), FORWARD), [-1, 0, 0]);
    expectVec(apply(q(90, 0, 0), RIGHT), [0, 1, 0]);
  });

  it('tilt +90: "+ve Y to Z", the camera looks straight up', () => {
    expectVec(apply(q(0, 90, 0), FORWARD), [0, 0, 1]);
  });

  it('roll +90: "+ve Z to X", the top of the frame goes to the right', () => {
    expectVec(apply(q(0, 0, 90), UP), [1, 0, 0]);
    expectVec(apply(q(0, 0, 90), FORWARD), [0, 1, 0]);
  });

  it('is intrinsic Z-X-Y: tilt happens in the already-panned frame', () => {
    // pan 90 then tilt 45: forward = Rz(90) (0, cos45, sin45) = (-cos45, 0, sin45).
    expectVec(apply(q(90, 45, 0), FORWARD), [-H, 0, H]);
    // roll last, about the camera's own forward axis: forward is unchanged by it.
    expectVec(apply(q(90, 45, 30), FORWARD), [-H, 0, H]);
  });
});

describe('openTrackIoRotationFromQuat', () => {
  it('inverts quatFromOpenTrackIoRotation away from gimbal lock', () => {
    const out = { pan: 0, tilt: 0, roll: 0 };
    for (const [pan, tilt, roll] of [[0, 0, 0], [30, -20, 10], [-170, 89, -179], [179, -89, 45], [90, 45, -90]] as const) {
      openTrackIoRotationFromQuat(q(pan, tilt, roll), out);
      expect(out.pan).toBeCloseTo(pan, 6);
      expect(out.tilt).toBeCloseTo(tilt, 6);
      expect(out.roll).toBeCloseTo(roll, 6);
    }
  });

  it('gives an equivalent rotation at tilt ±90, folding roll into pan', () => {
    for (const [pan, tilt, roll] of [[30, 90, 20], [30, -90, 20]] as const) {
      const out = openTrackIoRotationFromQuat(q(pan, tilt, roll), { pan: 0, tilt: 0, roll: 0 });
      expect(out.roll).toBe(0);
      const back = q(out.pan, out.tilt, out.roll);
      for (const v of [FORWARD, UP, RIGHT]) expectVec(apply(back, v), apply(q(pan, tilt, roll), v));
    }
  });
});

describe('composeOpenTrackIoTransforms', () => {
  const compose = (chain: OpenTrackIoTransform[]) => {
    const p: Vec3 = [9, 9, 9];
    const r: Quat = [1, 0, 0, 0];
    composeOpenTrackIoTransforms(chain, p, r);
    return { p, r };
  };

  it('one transform is its own translation and rotation', () => {
    const { p, r } = compose([{ translation: { x: 1, y: 2, z: 3 }, rotation: { pan: 90, tilt: 0, roll: 0 } }]);
    expectVec(p, [1, 2, 3]);
    expectVec(apply(r, FORWARD), [-1, 0, 0]);
  });

  it('parent first: the child is offset in the parent\'s rotated frame and rotates on top of it', () => {
    /*
     * Dolly at (10, 0, 0) panned +90 (its forward is -X); camera 2 m along the dolly's forward, tilted up 30.
     *   position = (10, 0, 0) + Rz(90) (0, 2, 0) = (10, 0, 0) + (-2, 0, 0) = (8, 0, 0)
     *   forward  = Rz(90) Rx(30) (0, 1, 0) = Rz(90) (0, cos30, sin30) = (-cos30, 0, sin30)
     */
    const { p, r } = compose([
      { translation: { x: 10, y: 0, z: 0 }, rotation: { pan: 90, tilt: 0, roll: 0 } },
      { translation: { x: 0, y: 2, z: 0 }, rotation: { pan: 0, tilt: 30, roll: 0 } },
    ]);
    expectVec(p, [8, 0, 0]);
    expectVec(apply(r, FORWARD), [-Math.cos(Math.PI / 6), 0, 0.5]);
  });

  it('reads missing components as 0 and ignores scale', () => {
    const withScale = { translation: { y: 2 }, rotation: { tilt: 90 }, scale: { x: 5, y: 5, z: 5 } } as OpenTrackIoTransform;
    const { p, r } = compose([withScale, { translation: { y: 1 }, rotation: {} }]);
    // Second link's +Y is the first link's forward, which tilt 90 points up: (0, 2, 0) + (0, 0, 1).
    expectVec(p, [0, 2, 1]);
    expectVec(apply(r, FORWARD), [0, 0, 1]);
  });
});
