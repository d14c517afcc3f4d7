import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../camera-bridge/CameraSample.ts';
import { MOVE_SPEED_RANGE, type MoveSpec } from '../protocol/MoveSpec.ts';
import { ADJUST_PROGRESS_LIMIT, checkAdjustment, checkStart, clampSpeed } from './moveCommandChecks.ts';
import type { MoveStart } from './moveOffsetAt.ts';

const TRACKED: MoveStart = { position: [0, 1.5, 4], rotation: [0, 0, 0, 1], focalLengthMm: 35, sensorHeightMm: 18.66 };
const ORBIT: MoveSpec = { kind: 'orbit', angleRad: 1, durationS: 3, easing: 'linear' };

describe('checkStart', () => {
  it('accepts a spec without a target, with no target position', () => {
    expect(checkStart('m', ORBIT, TRACKED)).toEqual({ ok: true, spec: ORBIT, targetPosition: undefined });
  });

  it('takes the position of a point target, unless the caller resolved one', () => {
    const spec: MoveSpec = { ...ORBIT, target: { type: 'point', position: [1, 2, 3] } };
    expect(checkStart('m', spec, TRACKED)).toMatchObject({ ok: true, targetPosition: [1, 2, 3] });
    const resolved: Vec3 = [4, 5, 6];
    expect(checkStart('m', spec, { ...TRACKED, targetPosition: resolved })).toMatchObject({ ok: true, targetPosition: resolved });
  });

  it('refuses with stable codes: empty id, bad spec, non-finite pose, unresolved subject', () => {
    expect(checkStart('', ORBIT, TRACKED)).toEqual({ ok: false, code: 'VP_ERR_MOVE_INVALID', reason: 'moveId must be a non-empty string' });
    expect(checkStart('m', { ...ORBIT, durationS: 0 }, TRACKED)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_INVALID' });
    expect(checkStart('m', ORBIT, { ...TRACKED, position: [0, Number.NaN, 4] })).toEqual({ ok: false, code: 'VP_ERR_MOVE_INVALID', reason: 'tracked pose is not finite' });
    expect(checkStart('m', { ...ORBIT, target: { type: 'subject', id: 'talent-1' } }, TRACKED))
      .toEqual({ ok: false, code: 'VP_ERR_MOVE_TARGET_UNRESOLVED', reason: 'target subject "talent-1" has no position' });
  });
});

describe('checkAdjustment', () => {
  it('merges the changes over the current spec, ignoring fields given as undefined', () => {
    const checked = checkAdjustment(ORBIT, { angleRad: 2, durationS: undefined }, undefined, 0.5, true);
    expect(checked).toEqual({ ok: true, spec: { ...ORBIT, angleRad: 2 }, targetPosition: undefined });
  });

  it('a new target comes from targetPosition when given, else from a point target', () => {
    expect(checkAdjustment(ORBIT, {}, [1, 1, 1], 0.5, true)).toMatchObject({ ok: true, targetPosition: [1, 1, 1] });
    expect(checkAdjustment(ORBIT, { target: { type: 'point', position: [2, 2, 2] } }, undefined, 0.5, true)).toMatchObject({ ok: true, targetPosition: [2, 2, 2] });
    expect(checkAdjustment(ORBIT, { target: { type: 'poi', id: 'door' } }, undefined, 0.5, true)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_TARGET_UNRESOLVED' });
    expect(checkAdjustment(ORBIT, {}, [1, Number.POSITIVE_INFINITY, 1], 0.5, true)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_INVALID' });
  });

  it('refuses a new kind first, then an invalid result, then a move too near its end or out of room', () => {
    expect(checkAdjustment(ORBIT, { kind: 'dolly' }, undefined, 1, false)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_ADJUST_KIND' });
    expect(checkAdjustment(ORBIT, { angleRad: 99 }, undefined, 1, false)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_INVALID' });
    expect(checkAdjustment(ORBIT, {}, undefined, ADJUST_PROGRESS_LIMIT, false)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_FINISHING' });
    expect(checkAdjustment(ORBIT, {}, undefined, 0.5, false)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_ADJUST_LIMIT' });
  });
});

describe('clampSpeed', () => {
  it('keeps a requested playback rate inside the schema range 0.1..4', () => {
    expect(MOVE_SPEED_RANGE).toEqual({ min: 0.1, max: 4 });
    expect(clampSpeed(0.01)).toBe(0.1);
    expect(clampSpeed(10)).toBe(4);
    expect(clampSpeed(1.5)).toBe(1.5);
  });
});
