import { describe, expect, it } from 'vitest';
import type { Quat, Vec3 } from '../../../camera-bridge/CameraSample.ts';
import { quatFromAxisAngle } from '../../../camera-bridge/math/quaternion.ts';
import { moveOffsetAt } from '../../moves/moveOffsetAt.ts';
import { applyPoseOffset, createPoseOffset } from '../../moves/PoseOffset.ts';
import { aimAngles } from './aimAngles.ts';
import { framePosition } from './framePosition.ts';
import type { MoveSpec } from '../../protocol/MoveSpec.ts';
import type { DirectorInput } from '../DirectorInput.ts';
import { readSituation } from './readSituation.ts';
import { buildMoveSpec } from './suggest.ts';

const DEG = Math.PI / 180;
const LEVEL: Quat = [0, 0, 0, 1];

describe('aimAngles', () => {
  it('camera at (0, 1.6, 0) looking down −Z, target at (−3, 4.6, −3): pan 45° left, tilt up 35.26°', () => {
    const a = aimAngles([0, 1.6, 0], LEVEL, [-3, 4.6, -3]);
    expect(a.panRad / DEG).toBeCloseTo(45, 9);
    expect(a.tiltRad / DEG).toBeCloseTo(Math.atan(3 / Math.sqrt(18)) / DEG, 9);
    expect(a.tiltRad / DEG).toBeCloseTo(35.26, 2);
  });

  it('a target behind and to the right: pan −135°; below: tilt negative', () => {
    const a = aimAngles([0, 2, 0], LEVEL, [3, 0, 3]);
    expect(a.panRad / DEG).toBeCloseTo(-135, 9);
    expect(a.tiltRad / DEG).toBeCloseTo(-Math.atan(2 / Math.sqrt(18)) / DEG, 9);
  });

  it('measures from where the camera already looks: a camera panned 30° left aiming 45° left pans 15° more', () => {
    const panned = quatFromAxisAngle([0, 1, 0], 30 * DEG, [0, 0, 0, 1]);
    expect(aimAngles([0, 0, 0], panned, [-1, 0, -1]).panRad / DEG).toBeCloseTo(15, 9);
  });

  it('puts the target on a rule-of-thirds point instead of the centre', () => {
    // hFov 90° (tan = 1): a third of the half-frame right of centre is atan(1/3) = 18.43° right of the axis.
    const a = aimAngles([0, 0, 0], LEVEL, [0, 0, -5], 90 * DEG, 90 * DEG, { x: 1 / 3, y: 0 });
    expect(a.panRad / DEG).toBeCloseTo(Math.atan(1 / 3) / DEG, 9);
  });

  it('the pan and tilt it returns, played through the move planner, centre the target', () => {
    const camera: Vec3 = [0, 1.6, 0];
    const target: Vec3 = [-3, 4.6, -3];
    const a = aimAngles(camera, LEVEL, target);
    const start = { position: camera, rotation: LEVEL, focalLengthMm: 35, sensorHeightMm: 18.66 };
    const p: Vec3 = [...camera];
    const q: Quat = [...LEVEL];
    const offset = createPoseOffset();
    applyPoseOffset(moveOffsetAt({ kind: 'pan', angleRad: a.panRad, durationS: 2, easing: 'linear' }, start, 1, offset), p, q);
    const panned: Quat = [...q];
    applyPoseOffset(moveOffsetAt({ kind: 'tilt', angleRad: a.tiltRad, durationS: 2, easing: 'linear' }, { ...start, rotation: panned }, 1, createPoseOffset()), p, q);
    const f = framePosition(p, q, target, 35, 24.89, 18.66);
    expect(f.inFront).toBe(true);
    expect(Math.abs(f.x)).toBeLessThan(1e-9);
    expect(Math.abs(f.y)).toBeLessThan(1e-9);
  });
});

describe('framePosition', () => {
  it('36 mm on 36 × 24 mm: (1, 0.5, −4) lands at x = 0.5, y = 0.375 of the half-frame', () => {
    const f = framePosition([0, 0, 0], LEVEL, [1, 0.5, -4], 36, 36, 24);
    expect(f.x).toBeCloseTo(0.5, 12);
    expect(f.y).toBeCloseTo(0.375, 12);
    expect(f).toMatchObject({ inFront: true, inFrame: true, inCentreThird: false });
  });

  it('behind the camera, or past the edge, is not in frame', () => {
    expect(framePosition([0, 0, 0], LEVEL, [0, 0, 4], 36, 36, 24).inFrame).toBe(false);
    // x = (2.1/4)/0.5 = 1.05: just outside the right edge.
    expect(framePosition([0, 0, 0], LEVEL, [2.1, 0, -4], 36, 36, 24).inFrame).toBe(false);
    expect(framePosition([0, 0, 0], LEVEL, [0.2, 0.1, -4], 36, 36, 24).inCentreThird).toBe(true);
  });

  it('follows the camera rotation: panned 90° left, a point on −X is dead centre', () => {
    const left = quatFromAxisAngle([0, 1, 0], 90 * DEG, [0, 0, 0, 1]);
    const f = framePosition([0, 0, 0], left, [-5, 0, 0], 35, 24.89, 14);
    expect(f.x).toBeCloseTo(0, 12);
    expect(f.y).toBeCloseTo(0, 12);
    expect(f.inCentreThird).toBe(true);
  });
});

describe('buildMoveSpec sizes turns on the axes they need', () => {
  const arch = (position: Vec3): DirectorInput => ({
    camera: { position: [0, 1.6, 0], rotation: LEVEL, focalLengthMm: 35, sensorWidthMm: 24.89, sensorHeightMm: 18.66 },
    subjects: [],
    pois: [{ id: 'first-arch', name: 'First arch', position }],
    recentMoves: [],
    sceneAgeS: 60,
  });
  const endFrame = (input: DirectorInput, spec: MoveSpec, target: Vec3) => {
    const p: Vec3 = [...input.camera.position];
    const q: Quat = [...input.camera.rotation];
    applyPoseOffset(moveOffsetAt(spec, { position: p, rotation: q, focalLengthMm: 35, sensorHeightMm: 18.66, targetPosition: target }, 1, createPoseOffset()), p, q);
    return framePosition(p, q, target, 35, 24.89, 18.66);
  };

  it('a pan the network ranks to an arch 8 m up and 10 m away becomes an aim (pan and tilt) that centres it', () => {
    const position: Vec3 = [-3, 9.6, -10];
    const input = arch(position);
    const spec = buildMoveSpec('pan', { angleRad: 0.3, durationS: 3 }, readSituation(input))!;
    expect(spec.kind).toBe('aim');
    expect(spec.target).toEqual({ type: 'poi', id: 'first-arch' });
    expect(spec.angleRad! / DEG).toBeCloseTo(Math.atan2(3, 10) / DEG, 9); // left: +
    expect(spec.tiltRad! / DEG).toBeCloseTo(Math.atan2(8, Math.hypot(3, 10)) / DEG, 9);
    const f = endFrame(input, spec, position);
    expect(Math.abs(f.x)).toBeLessThan(1e-9);
    expect(Math.abs(f.y)).toBeLessThan(1e-9);
  });

  it('a pan to something level with the lens stays a pan; to something straight above, a tilt; to something framed, nothing', () => {
    expect(buildMoveSpec('pan', { angleRad: 0.5, durationS: 3 }, readSituation(arch([-5, 1.6, -5])))).toMatchObject({ kind: 'pan', angleRad: Math.PI / 4 });
    expect(buildMoveSpec('pan', { angleRad: 0, durationS: 3 }, readSituation(arch([0, 6.6, -5])))).toMatchObject({ kind: 'tilt', angleRad: Math.PI / 4 });
    expect(buildMoveSpec('pan', { angleRad: 0, durationS: 3 }, readSituation(arch([0.2, 1.7, -8])))).toBeNull();
  });
});

describe('buildMoveSpec keeps what the frame shows', () => {
  // 35 mm on 24.89 × 18.66 mm: tan(hFov/2) = 0.3556. Camera at z = 4 looking down −Z.
  const stage = (subjects: DirectorInput['subjects']): DirectorInput => ({
    camera: { position: [0, 1.2, 4], rotation: LEVEL, focalLengthMm: 35, sensorWidthMm: 24.89, sensorHeightMm: 18.66 },
    subjects,
    pois: [],
    recentMoves: [],
    sceneAgeS: 60,
  });

  it('a dolly in on someone near the edge of frame stops while they are still in it', () => {
    // Ana is 2.5 m right at 8 m: x = (2.5/8)/0.3556 = 0.88. In frame while depth > 2.5/0.3556 = 7.03 m, so a dolly
    // in may travel at most 0.97 m of the asked 3 m (in 1/20 steps: 0.9 m).
    const input = stage([{ id: 'ana', position: [2.5, 1.2, -4], velocity: [0, 0, 0] }]);
    const spec = buildMoveSpec('dolly', { distanceM: 3, durationS: 4 }, readSituation(input))!;
    expect(spec.target).toEqual({ type: 'subject', id: 'ana' });
    expect(spec.distanceM).toBeCloseTo(0.9, 9);
  });

  it('a hold is on whoever is still in frame when it ends, not on a walker about to leave', () => {
    // Ben (nearest) walks right at 1.5 m/s from x = 1.5 at 6 m depth: out past x = 2.13 m within 0.5 s of a 3 s hold.
    const input = stage([
      { id: 'ben', position: [1.5, 1.2, -2], velocity: [1.5, 0, 0] },
      { id: 'ana', position: [-0.5, 1.2, -4], velocity: [0, 0, 0] },
    ]);
    expect(buildMoveSpec('hold', { durationS: 3 }, readSituation(input))?.target).toEqual({ type: 'subject', id: 'ana' });
  });
});
