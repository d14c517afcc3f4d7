import { describe, expect, it } from 'vitest';
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { quatAngle } from '../../camera-bridge/math/quaternion.ts';
import { MOVE_DURATION_RANGE_S, MOVE_SPEED_RANGE, type MoveSpec } from '../protocol/MoveSpec.ts';
import type { MoveLimits } from './MoveController.ts';
import { at, controller, dolly, drive, DT_S, expectVec, expectWithinLimits, motionPeaks, TARGET, TRACKED, view } from './moveControllerTestRig.ts';

describe('MoveController', () => {
  it('plays a dolly to its end pose, reports it, and keeps the offset once finished', () => {
    const { mc, events } = controller();
    const trace = drive(mc, 0, 6, [[0.5, (t) => mc.start('m1', dolly(2, 4), TRACKED, t)]]);
    expectVec(at(trace, 0.5).position, [0, 1.5, 4]);
    expectVec(at(trace, 2.5).position, [0, 1.5, 3]); // ease-in-out is 0.5 at half time
    expectVec(at(trace, 4.5).position, [0, 1.5, 2]);
    expectVec(at(trace, 6).position, [0, 1.5, 2]);
    expectWithinLimits(trace);
    expect(mc.state()).toMatchObject({ moveId: 'm1', kind: 'dolly', status: 'finished', progress: 1, durationS: 4, stretched: false });
    expect(events.map((e) => [e.type, e.atS, e.progress, e.outcome])).toEqual([
      ['move.started', 0.5, 0, undefined],
      ['move.finished', 4.5, 1, 'completed'],
    ]);
  });

  it('starts the next move from the offset the last one left', () => {
    const { mc } = controller();
    const trace = drive(mc, 0, 10, [
      [0, (t) => mc.start('m1', dolly(2, 4), TRACKED, t)],
      [5, (t) => mc.start('m2', { kind: 'truck', distanceM: 1, durationS: 3, easing: 'cubic' }, TRACKED, t)],
    ]);
    expectVec(at(trace, 5).position, [0, 1.5, 2]);
    expectVec(at(trace, 10).position, [1, 1.5, 2]);
    expectWithinLimits(trace);
  });

  it('orbits 90° about a point target and ends at (4, 1.5, 0) still looking at it', () => {
    const { mc } = controller({ limits: { maxSpeedMps: 5, maxAccelMps2: 10, maxAngularSpeedRadPerS: 2 } });
    const spec: MoveSpec = { kind: 'orbit', angleRad: Math.PI / 2, durationS: 6, easing: 'cubic', target: { type: 'point', position: TARGET } };
    const trace = drive(mc, 0, 6, [[0, (t) => mc.start('o', spec, TRACKED, t)]]);
    const end = at(trace, 6);
    expectVec(end.position, [4, 1.5, 0]);
    expectVec(view(end.rotation), [-1, 0, 0]);
    const mid = at(trace, 3);
    expectVec(mid.position, [4 * Math.SQRT1_2, 1.5, 4 * Math.SQRT1_2]);
    expectVec(view(mid.rotation), [-Math.SQRT1_2, 0, -Math.SQRT1_2]);
  });

  it('stays continuous and within the limits through start, pause, resume, speed, adjust, scrub and abort', () => {
    const { mc, events } = controller();
    const trace = drive(mc, 0, 16, [
      [0.1, (t) => mc.start('m1', dolly(4, 8), TRACKED, t)],
      [2.0, (t) => mc.pause(t)],
      [3.5, (t) => mc.resume(t)],
      [4.5, (t) => mc.setSpeed(1.5, t)],
      [5.5, (t) => mc.adjust({ durationS: 10 }, t)],
      [6.5, (t) => mc.adjust({ distanceM: 5 }, t)],
      [8.0, (t) => mc.scrub(0.3, t)],
      [11.0, (t) => mc.abort(t)],
    ]);
    expectWithinLimits(trace);
    expect(events.map((e) => e.type)).toEqual([
      'move.started', 'move.paused', 'move.resumed', 'move.speed', 'move.adjusted', 'move.adjusted', 'move.scrubbed', 'move.aborted', 'move.finished',
    ]);
    // Pause: decelerates, then holds exactly still until resume.
    const paused = motionPeaks(trace, 3.0, 3.5);
    expect(paused.maxStepM).toBe(0);
    // Abort: stops, then holds where it stopped.
    const finishedAt = events.at(-1)!;
    expect(finishedAt.outcome).toBe('aborted');
    expect(motionPeaks(trace, finishedAt.atS + DT_S, 16).maxStepM).toBe(0);
    // The longer path would outrun the speed limit at speed 1.5 over 10 s: stretched (and reported) instead.
    expect(mc.state()).toMatchObject({ status: 'finished', speed: 1.5, requestedDurationS: 10, stretched: true, spec: { distanceM: 5 } });
    expect(mc.state().durationS).toBeGreaterThan(10);
    expect(mc.state().progress).toBeGreaterThan(0.3);
    expect(mc.state().progress).toBeLessThan(1);
  });

  it('stretches a move that would break the speed limit, and reports the stretched duration', () => {
    const limits: MoveLimits = { maxSpeedMps: 2, maxAngularSpeedRadPerS: 1, maxAccelMps2: 2 };
    const { mc } = controller({ limits });
    const trace = drive(mc, 0, 9, [[0, (t) => mc.start('fast', dolly(10, 2), TRACKED, t)]]);
    // Smoothstep peaks at 1.5 × 10 m / D, so D must be at least 7.5 s (plus the sampling safety margin).
    const state = mc.state();
    expect(state.requestedDurationS).toBe(2);
    expect(state.durationS).toBeGreaterThanOrEqual(7.5);
    expect(state.durationS).toBeLessThan(8);
    expect(state.stretched).toBe(true);
    expect(state.status).toBe('finished');
    expectVec(at(trace, 9).position, [0, 1.5, -6]);
    expectWithinLimits(trace, limits);
  });

  it('caps setSpeed at what the limits allow on this path', () => {
    const { mc } = controller();
    drive(mc, 0, 1, [[0, (t) => mc.start('m', dolly(4, 8), TRACKED, t)]]); // peak 0.75 m/s at speed 1
    expect(mc.setSpeed(4, 1)).toEqual({ ok: true });
    expect(mc.state().speed).toBeGreaterThan(1.9);
    expect(mc.state().speed).toBeLessThanOrEqual(2); // 1.5 / 0.75
  });

  it('adjusting the distance mid-move ends at the new distance from where the move started', () => {
    const { mc } = controller();
    const trace = drive(mc, 0, 12, [
      [0, (t) => mc.start('m', dolly(2, 4), TRACKED, t)],
      [1.6, (t) => mc.adjust({ distanceM: 3 }, t)],
    ]);
    expectVec(at(trace, 12).position, [0, 1.5, 1]);
    expect(mc.state().spec?.distanceM).toBe(3);
    expectWithinLimits(trace);
  });

  it('a scrub while paused travels along the path to the scrubbed pose and holds there', () => {
    const { mc } = controller();
    const trace = drive(mc, 0, 8, [
      [0, (t) => mc.start('m', dolly(4, 8), TRACKED, t)],
      [2, (t) => mc.pause(t)],
      [3, (t) => mc.scrub(0.5, t)],
    ]);
    expectVec(at(trace, 8).position, [0, 1.5, 2]); // ease-in-out(0.5) = 0.5 of 4 m
    expect(mc.state()).toMatchObject({ status: 'paused', progress: 0.5 });
    expect(motionPeaks(trace, 7, 8).maxStepM).toBe(0);
    expectWithinLimits(trace);
  });

  it('start during a move lets it stop first, then plays the new one from where it stopped', () => {
    const { mc, events } = controller();
    const trace = drive(mc, 0, 12, [
      [0, (t) => mc.start('a', dolly(3, 4), TRACKED, t)],
      [2, (t) => mc.start('b', { kind: 'truck', distanceM: 2, durationS: 4, easing: 'ease-in-out' }, TRACKED, t)],
    ]);
    expectWithinLimits(trace);
    expect(events.map((e) => [e.type, e.moveId, e.outcome])).toEqual([
      ['move.started', 'a', undefined],
      ['move.finished', 'a', 'superseded'],
      ['move.started', 'b', undefined],
      ['move.finished', 'b', 'completed'],
    ]);
    const end = at(trace, 12).position;
    expect(end[0]).toBeCloseTo(2, 9); // the truck is complete
    expect(end[2]).toBeLessThan(4 - 1.5); // and the dolly got past halfway before it stopped
    expect(end[2]).toBeGreaterThan(1);
  });

  it('commands during the hand-over apply to the new move from the hand-over; a second start replaces a waiting one', () => {
    const { mc, events } = controller();
    const trace = drive(mc, 0, 14, [
      [0, (t) => mc.start('a', dolly(3, 4), TRACKED, t)],
      [2, (t) => mc.start('b', { kind: 'truck', distanceM: 2, durationS: 4, easing: 'ease-in-out' }, TRACKED, t)],
      [2.05, (t) => mc.start('c', { kind: 'pedestal', distanceM: 0.5, durationS: 3, easing: 'cubic' }, TRACKED, t)],
      [2.1, (t) => mc.pause(t)],
      [5, (t) => mc.resume(t)],
    ]);
    expectWithinLimits(trace);
    expect(events.map((e) => [e.type, e.moveId, e.outcome])).toEqual([
      ['move.started', 'a', undefined],
      ['move.finished', 'a', 'superseded'],
      ['move.started', 'b', undefined],
      ['move.finished', 'b', 'superseded'],
      ['move.started', 'c', undefined],
      ['move.paused', 'c', undefined],
      ['move.resumed', 'c', undefined],
      ['move.finished', 'c', 'completed'],
    ]);
    const stoppedZ = at(trace, 4.9).position[2];
    expectVec(at(trace, 4.9).position, [0, 1.5, stoppedZ]); // 'a' stopped, 'c' waits paused, 'b' never moved
    expectVec(at(trace, 14).position, [0, 2, stoppedZ]);
  });

  it('abort holds where it stopped; reset then eases back to the tracked pose without a jump', () => {
    const { mc, events } = controller();
    const trace = drive(mc, 0, 12, [
      [0, (t) => mc.start('m', { kind: 'pan', angleRad: 1, durationS: 4, easing: 'cubic' }, TRACKED, t)],
      [2, (t) => mc.abort(t)],
      [5, (t) => mc.reset(t)],
    ]);
    expectWithinLimits(trace);
    const stopped = at(trace, 4.9).rotation;
    expect(stopped).toEqual(at(trace, 4).rotation);
    expect(quatAngle(stopped, [0, 0, 0, 1])).toBeGreaterThan(0.5);
    expectVec(at(trace, 12).rotation, [0, 0, 0, 1], 9);
    expectVec(at(trace, 12).position, TRACKED.position, 9);
    expect(mc.state()).toMatchObject({ status: 'idle', kind: null, moveId: null });
    expect(events.map((e) => [e.type, e.outcome])).toEqual([
      ['move.started', undefined],
      ['move.aborted', undefined],
      ['move.finished', 'aborted'],
      ['reset.started', undefined],
      ['reset.finished', 'completed'],
    ]);
  });

  it('reset during a move stops it first and ends exactly at the tracked pose', () => {
    const { mc } = controller();
    const trace = drive(mc, 0, 10, [
      [0, (t) => mc.start('m', dolly(3, 4), TRACKED, t)],
      [2, (t) => mc.reset(t)],
    ]);
    expectWithinLimits(trace);
    expectVec(at(trace, 10).position, TRACKED.position, 9);
    expect(mc.state().status).toBe('idle');
  });

  it('keeps the camera inside the safe volume, and the next move starts from the boundary', () => {
    const safeVolume = { min: [-5, 0, 1] as Vec3, max: [5, 4, 6] as Vec3 };
    const { mc } = controller({ safeVolume });
    const trace = drive(mc, 0, 14, [
      [0, (t) => mc.start('in', dolly(5, 6), TRACKED, t)],
      [7, (t) => mc.start('out', dolly(-1, 3), TRACKED, t)],
    ]);
    for (const p of trace.position) expect(p[2]).toBeGreaterThanOrEqual(1);
    expect(at(trace, 6.5).position[2]).toBe(1); // slid into the boundary and stayed there
    expect(at(trace, 8).position[2]).toBeGreaterThan(1); // backing off starts at once, no dead zone
    expectVec(at(trace, 14).position, [0, 1.5, 2]);
  });

  it('never pulls in a tracked camera that is itself outside the safe volume', () => {
    const { mc } = controller({ safeVolume: { min: [-1, 0, -1], max: [1, 3, 1] } });
    mc.update(0);
    const position: Vec3 = [0, 1.5, 4];
    mc.apply('cam-a', position, [0, 0, 0, 1]);
    expect(position).toEqual([0, 1.5, 4]);
  });

  it('leaves other cameras alone', () => {
    const { mc } = controller();
    drive(mc, 0, 5, [[0, (t) => mc.start('m', dolly(2, 4), TRACKED, t)]]);
    const position: Vec3 = [0, 1.5, 4];
    const rotation: Quat = [0, 0, 0, 1];
    mc.apply('cam-b', position, rotation);
    expect(position).toEqual([0, 1.5, 4]);
    expect(rotation).toEqual([0, 0, 0, 1]);
  });

  it('refuses what it cannot do, with stable codes', () => {
    const { mc } = controller();
    expect(mc.pause(0)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_NOT_ACTIVE' });
    expect(mc.start('', dolly(1, 2), TRACKED, 0)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_INVALID' });
    expect(mc.start('m', dolly(1, 0), TRACKED, 0)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_INVALID' });
    expect(mc.start('m', { kind: 'orbit', angleRad: 1, durationS: 3, easing: 'linear', target: { type: 'subject', id: 'talent-1' } }, TRACKED, 0))
      .toMatchObject({ ok: false, code: 'VP_ERR_MOVE_TARGET_UNRESOLVED' });
    expect(mc.start('m', dolly(2, 4), TRACKED, 0)).toEqual({ ok: true });
    expect(mc.adjust({ kind: 'truck' }, 1)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_ADJUST_KIND' });
    expect(mc.adjust({ distanceM: 99 }, 1)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_INVALID' });
    expect(mc.adjust({ target: { type: 'poi', id: 'door' } }, 1)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_TARGET_UNRESOLVED' });
    expect(mc.scrub(Number.NaN, 1)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_INVALID' });
    expect(mc.resume(1)).toEqual({ ok: true }); // already running: no-op
  });

  it('state is plain JSON for the frame message', () => {
    const { mc } = controller();
    drive(mc, 0, 1, [[0, (t) => mc.start('m', dolly(2, 4, { target: { type: 'point', position: TARGET } }), TRACKED, t)]]);
    const state = mc.state();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(state).toMatchObject({ moveId: 'm', kind: 'dolly', status: 'running', durationS: 4, speed: 1 });
    expect(state.elapsedS).toBeCloseTo(state.progress * 4, 12);
    const reused = mc.state();
    expect(mc.state(reused)).toBe(reused);
  });

  it('keeps speeds inside MOVE_SPEED_RANGE and resets at least MOVE_DURATION_RANGE_S.min long', () => {
    const { mc } = controller({ resetDurationS: 0.01 });
    expect(mc.resetDurationS).toBe(MOVE_DURATION_RANGE_S.min); // 0.1 s
    drive(mc, 0, 1, [[0, (t) => mc.start('m', dolly(4, 8), TRACKED, t)]]);
    expect(mc.setSpeed(0.01, 1)).toEqual({ ok: true });
    expect(mc.state()).toMatchObject({ speed: MOVE_SPEED_RANGE.min, spec: { speed: 0.1 } });
  });
});
