import { describe, expect, it } from 'vitest';
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { quatAngle, rotateVec3 } from '../../camera-bridge/math/quaternion.ts';
import type { MoveSpec } from '../protocol/MoveSpec.ts';
import { MoveExecutor, type MoveCommandResult, type MoveEvent, type MoveLimits, type MoveExecutorOptions } from './MoveExecutor.ts';
import type { MoveStart } from './moveOffsetAt.ts';

const DT_S = 0.001;
const LIMITS: MoveLimits = { maxSpeedMps: 1.5, maxAngularSpeedRadPerS: 1, maxAccelMps2: 2 };
/** Tracked camera 4 m in front of the stage centre at eye height, looking along −Z; 35 mm on 18.66 mm. */
const TRACKED: MoveStart = { position: [0, 1.5, 4], rotation: [0, 0, 0, 1], focalLengthMm: 35, sensorHeightMm: 18.66 };
const TARGET: Vec3 = [0, 1.5, 0];

interface Trace {
  t: number[];
  position: Vec3[];
  rotation: Quat[];
}

function executor(options: Partial<MoveExecutorOptions> = {}): { ex: MoveExecutor; events: MoveEvent[] } {
  const events: MoveEvent[] = [];
  const ex = new MoveExecutor({ cameraId: 'cam-a', limits: LIMITS, onEvent: (e) => events.push(e), ...options });
  return { ex, events };
}

function dolly(distanceM: number, durationS: number, more: Partial<MoveSpec> = {}): MoveSpec {
  return { kind: 'dolly', distanceM, durationS, easing: 'ease-in-out', ...more };
}

/**
 * Ticks the executor every millisecond from `fromS` to `toS` as the engine would (update, then apply to the
 * tracked pose), running each action at its time first; every action must succeed.
 */
function drive(ex: MoveExecutor, fromS: number, toS: number, actions: [number, (tS: number) => MoveCommandResult][] = [], tracked = TRACKED): Trace {
  const trace: Trace = { t: [], position: [], rotation: [] };
  const first = Math.round(fromS / DT_S);
  const last = Math.round(toS / DT_S);
  for (let i = first; i <= last; i++) {
    const tS = i * DT_S;
    for (const [atS, action] of actions) if (Math.round(atS / DT_S) === i) expect(action(tS)).toEqual({ ok: true });
    ex.update(tS);
    const position: Vec3 = [...tracked.position];
    const rotation: Quat = [...tracked.rotation];
    ex.apply('cam-a', position, rotation);
    trace.t.push(tS);
    trace.position.push(position);
    trace.rotation.push(rotation);
  }
  return trace;
}

/** Peak speed, acceleration and angular speed by finite differences over consecutive samples. */
function motionPeaks(trace: Trace, fromS = -Infinity, toS = Infinity): { speed: number; accel: number; angular: number; maxStepM: number } {
  let speed = 0, accel = 0, angular = 0, maxStepM = 0;
  let prevV: Vec3 | null = null;
  for (let i = 1; i < trace.t.length; i++) {
    if (trace.t[i]! < fromS || trace.t[i]! > toS) { prevV = null; continue; }
    const a = trace.position[i - 1]!, b = trace.position[i]!;
    const step = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
    const v: Vec3 = [(b[0] - a[0]) / DT_S, (b[1] - a[1]) / DT_S, (b[2] - a[2]) / DT_S];
    maxStepM = Math.max(maxStepM, step);
    speed = Math.max(speed, step / DT_S);
    angular = Math.max(angular, quatAngle(trace.rotation[i - 1]!, trace.rotation[i]!) / DT_S);
    if (prevV) accel = Math.max(accel, Math.hypot(v[0] - prevV[0], v[1] - prevV[1], v[2] - prevV[2]) / DT_S);
    prevV = v;
  }
  return { speed, accel, angular, maxStepM };
}

/** No step longer than the speed limit allows, no velocity change larger than the acceleration limit allows. */
function expectWithinLimits(trace: Trace, limits: MoveLimits = LIMITS): void {
  const peaks = motionPeaks(trace);
  expect(peaks.maxStepM).toBeLessThanOrEqual(limits.maxSpeedMps * DT_S + 1e-9);
  expect(peaks.accel * DT_S).toBeLessThanOrEqual(limits.maxAccelMps2 * DT_S + 1e-9); // velocity jump per sample
  expect(peaks.angular).toBeLessThanOrEqual(limits.maxAngularSpeedRadPerS + 1e-9);
}

function at(trace: Trace, tS: number): { position: Vec3; rotation: Quat } {
  const i = trace.t.findIndex((t) => t >= tS - DT_S / 2);
  return { position: trace.position[i]!, rotation: trace.rotation[i]! };
}

function expectVec(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 6): void {
  for (let i = 0; i < expected.length; i++) expect(actual[i], `component ${i}`).toBeCloseTo(expected[i]!, digits);
}

const view = (q: Quat): Vec3 => rotateVec3(q, [0, 0, -1], [0, 0, 0]);

describe('MoveExecutor', () => {
  it('plays a dolly to its end pose, reports it, and keeps the offset once finished', () => {
    const { ex, events } = executor();
    const trace = drive(ex, 0, 6, [[0.5, (t) => ex.start('m1', dolly(2, 4), TRACKED, t)]]);
    expectVec(at(trace, 0.5).position, [0, 1.5, 4]);
    expectVec(at(trace, 2.5).position, [0, 1.5, 3]); // ease-in-out is 0.5 at half time
    expectVec(at(trace, 4.5).position, [0, 1.5, 2]);
    expectVec(at(trace, 6).position, [0, 1.5, 2]);
    expectWithinLimits(trace);
    expect(ex.state()).toMatchObject({ moveId: 'm1', kind: 'dolly', status: 'finished', progress: 1, durationS: 4, stretched: false });
    expect(events.map((e) => [e.type, e.atS, e.progress, e.outcome])).toEqual([
      ['move.started', 0.5, 0, undefined],
      ['move.finished', 4.5, 1, 'completed'],
    ]);
  });

  it('starts the next move from the offset the last one left', () => {
    const { ex } = executor();
    const trace = drive(ex, 0, 10, [
      [0, (t) => ex.start('m1', dolly(2, 4), TRACKED, t)],
      [5, (t) => ex.start('m2', { kind: 'truck', distanceM: 1, durationS: 3, easing: 'cubic' }, TRACKED, t)],
    ]);
    expectVec(at(trace, 5).position, [0, 1.5, 2]);
    expectVec(at(trace, 10).position, [1, 1.5, 2]);
    expectWithinLimits(trace);
  });

  it('orbits 90° about a point target and ends at (4, 1.5, 0) still looking at it', () => {
    const { ex } = executor({ limits: { maxSpeedMps: 5, maxAccelMps2: 10, maxAngularSpeedRadPerS: 2 } });
    const spec: MoveSpec = { kind: 'orbit', angleRad: Math.PI / 2, durationS: 6, easing: 'cubic', target: { type: 'point', position: TARGET } };
    const trace = drive(ex, 0, 6, [[0, (t) => ex.start('o', spec, TRACKED, t)]]);
    const end = at(trace, 6);
    expectVec(end.position, [4, 1.5, 0]);
    expectVec(view(end.rotation), [-1, 0, 0]);
    const mid = at(trace, 3);
    expectVec(mid.position, [4 * Math.SQRT1_2, 1.5, 4 * Math.SQRT1_2]);
    expectVec(view(mid.rotation), [-Math.SQRT1_2, 0, -Math.SQRT1_2]);
  });

  it('stays continuous and within the limits through start, pause, resume, speed, adjust, scrub and abort', () => {
    const { ex, events } = executor();
    const trace = drive(ex, 0, 16, [
      [0.1, (t) => ex.start('m1', dolly(4, 8), TRACKED, t)],
      [2.0, (t) => ex.pause(t)],
      [3.5, (t) => ex.resume(t)],
      [4.5, (t) => ex.setSpeed(1.5, t)],
      [5.5, (t) => ex.adjust({ durationS: 10 }, t)],
      [6.5, (t) => ex.adjust({ distanceM: 5 }, t)],
      [8.0, (t) => ex.scrub(0.3, t)],
      [11.0, (t) => ex.abort(t)],
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
    expect(ex.state()).toMatchObject({ status: 'finished', speed: 1.5, requestedDurationS: 10, stretched: true, spec: { distanceM: 5 } });
    expect(ex.state().durationS).toBeGreaterThan(10);
    expect(ex.state().progress).toBeGreaterThan(0.3);
    expect(ex.state().progress).toBeLessThan(1);
  });

  it('stretches a move that would break the speed limit, and reports the stretched duration', () => {
    const limits: MoveLimits = { maxSpeedMps: 2, maxAngularSpeedRadPerS: 1, maxAccelMps2: 2 };
    const { ex } = executor({ limits });
    const trace = drive(ex, 0, 9, [[0, (t) => ex.start('fast', dolly(10, 2), TRACKED, t)]]);
    // Smoothstep peaks at 1.5 × 10 m / D, so D must be at least 7.5 s (plus the sampling safety margin).
    const state = ex.state();
    expect(state.requestedDurationS).toBe(2);
    expect(state.durationS).toBeGreaterThanOrEqual(7.5);
    expect(state.durationS).toBeLessThan(8);
    expect(state.stretched).toBe(true);
    expect(state.status).toBe('finished');
    expectVec(at(trace, 9).position, [0, 1.5, -6]);
    expectWithinLimits(trace, limits);
  });

  it('caps setSpeed at what the limits allow on this path', () => {
    const { ex } = executor();
    drive(ex, 0, 1, [[0, (t) => ex.start('m', dolly(4, 8), TRACKED, t)]]); // peak 0.75 m/s at speed 1
    expect(ex.setSpeed(4, 1)).toEqual({ ok: true });
    expect(ex.state().speed).toBeGreaterThan(1.9);
    expect(ex.state().speed).toBeLessThanOrEqual(2); // 1.5 / 0.75
  });

  it('adjusting the distance mid-move ends at the new distance from where the move started', () => {
    const { ex } = executor();
    const trace = drive(ex, 0, 12, [
      [0, (t) => ex.start('m', dolly(2, 4), TRACKED, t)],
      [1.6, (t) => ex.adjust({ distanceM: 3 }, t)],
    ]);
    expectVec(at(trace, 12).position, [0, 1.5, 1]);
    expect(ex.state().spec?.distanceM).toBe(3);
    expectWithinLimits(trace);
  });

  it('a scrub while paused travels along the path to the scrubbed pose and holds there', () => {
    const { ex } = executor();
    const trace = drive(ex, 0, 8, [
      [0, (t) => ex.start('m', dolly(4, 8), TRACKED, t)],
      [2, (t) => ex.pause(t)],
      [3, (t) => ex.scrub(0.5, t)],
    ]);
    expectVec(at(trace, 8).position, [0, 1.5, 2]); // ease-in-out(0.5) = 0.5 of 4 m
    expect(ex.state()).toMatchObject({ status: 'paused', progress: 0.5 });
    expect(motionPeaks(trace, 7, 8).maxStepM).toBe(0);
    expectWithinLimits(trace);
  });

  it('start during a move lets it stop first, then plays the new one from where it stopped', () => {
    const { ex, events } = executor();
    const trace = drive(ex, 0, 12, [
      [0, (t) => ex.start('a', dolly(3, 4), TRACKED, t)],
      [2, (t) => ex.start('b', { kind: 'truck', distanceM: 2, durationS: 4, easing: 'ease-in-out' }, TRACKED, t)],
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
    const { ex, events } = executor();
    const trace = drive(ex, 0, 14, [
      [0, (t) => ex.start('a', dolly(3, 4), TRACKED, t)],
      [2, (t) => ex.start('b', { kind: 'truck', distanceM: 2, durationS: 4, easing: 'ease-in-out' }, TRACKED, t)],
      [2.05, (t) => ex.start('c', { kind: 'pedestal', distanceM: 0.5, durationS: 3, easing: 'cubic' }, TRACKED, t)],
      [2.1, (t) => ex.pause(t)],
      [5, (t) => ex.resume(t)],
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
    const { ex, events } = executor();
    const trace = drive(ex, 0, 12, [
      [0, (t) => ex.start('m', { kind: 'pan', angleRad: 1, durationS: 4, easing: 'cubic' }, TRACKED, t)],
      [2, (t) => ex.abort(t)],
      [5, (t) => ex.reset(t)],
    ]);
    expectWithinLimits(trace);
    const stopped = at(trace, 4.9).rotation;
    expect(stopped).toEqual(at(trace, 4).rotation);
    expect(quatAngle(stopped, [0, 0, 0, 1])).toBeGreaterThan(0.5);
    expectVec(at(trace, 12).rotation, [0, 0, 0, 1], 9);
    expectVec(at(trace, 12).position, TRACKED.position, 9);
    expect(ex.state()).toMatchObject({ status: 'idle', kind: null, moveId: null });
    expect(events.map((e) => [e.type, e.outcome])).toEqual([
      ['move.started', undefined],
      ['move.aborted', undefined],
      ['move.finished', 'aborted'],
      ['reset.started', undefined],
      ['reset.finished', 'completed'],
    ]);
  });

  it('reset during a move stops it first and ends exactly at the tracked pose', () => {
    const { ex } = executor();
    const trace = drive(ex, 0, 10, [
      [0, (t) => ex.start('m', dolly(3, 4), TRACKED, t)],
      [2, (t) => ex.reset(t)],
    ]);
    expectWithinLimits(trace);
    expectVec(at(trace, 10).position, TRACKED.position, 9);
    expect(ex.state().status).toBe('idle');
  });

  it('keeps the camera inside the safe volume, and the next move starts from the boundary', () => {
    const safeVolume = { min: [-5, 0, 1] as Vec3, max: [5, 4, 6] as Vec3 };
    const { ex } = executor({ safeVolume });
    const trace = drive(ex, 0, 14, [
      [0, (t) => ex.start('in', dolly(5, 6), TRACKED, t)],
      [7, (t) => ex.start('out', dolly(-1, 3), TRACKED, t)],
    ]);
    for (const p of trace.position) expect(p[2]).toBeGreaterThanOrEqual(1);
    expect(at(trace, 6.5).position[2]).toBe(1); // slid into the boundary and stayed there
    expect(at(trace, 8).position[2]).toBeGreaterThan(1); // backing off starts at once, no dead zone
    expectVec(at(trace, 14).position, [0, 1.5, 2]);
  });

  it('never pulls in a tracked camera that is itself outside the safe volume', () => {
    const { ex } = executor({ safeVolume: { min: [-1, 0, -1], max: [1, 3, 1] } });
    ex.update(0);
    const position: Vec3 = [0, 1.5, 4];
    ex.apply('cam-a', position, [0, 0, 0, 1]);
    expect(position).toEqual([0, 1.5, 4]);
  });

  it('leaves other cameras alone', () => {
    const { ex } = executor();
    drive(ex, 0, 5, [[0, (t) => ex.start('m', dolly(2, 4), TRACKED, t)]]);
    const position: Vec3 = [0, 1.5, 4];
    const rotation: Quat = [0, 0, 0, 1];
    ex.apply('cam-b', position, rotation);
    expect(position).toEqual([0, 1.5, 4]);
    expect(rotation).toEqual([0, 0, 0, 1]);
  });

  it('refuses what it cannot do, with stable codes', () => {
    const { ex } = executor();
    expect(ex.pause(0)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_NOT_ACTIVE' });
    expect(ex.start('', dolly(1, 2), TRACKED, 0)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_INVALID' });
    expect(ex.start('m', dolly(1, 0), TRACKED, 0)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_INVALID' });
    expect(ex.start('m', { kind: 'orbit', angleRad: 1, durationS: 3, easing: 'linear', target: { type: 'subject', id: 'talent-1' } }, TRACKED, 0))
      .toMatchObject({ ok: false, code: 'VP_ERR_MOVE_TARGET_UNRESOLVED' });
    expect(ex.start('m', dolly(2, 4), TRACKED, 0)).toEqual({ ok: true });
    expect(ex.adjust({ kind: 'truck' }, 1)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_ADJUST_KIND' });
    expect(ex.adjust({ distanceM: 99 }, 1)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_INVALID' });
    expect(ex.adjust({ target: { type: 'poi', id: 'door' } }, 1)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_TARGET_UNRESOLVED' });
    expect(ex.scrub(Number.NaN, 1)).toMatchObject({ ok: false, code: 'VP_ERR_MOVE_INVALID' });
    expect(ex.resume(1)).toEqual({ ok: true }); // already running: no-op
  });

  it('state is plain JSON for the frame message', () => {
    const { ex } = executor();
    drive(ex, 0, 1, [[0, (t) => ex.start('m', dolly(2, 4, { target: { type: 'point', position: TARGET } }), TRACKED, t)]]);
    const state = ex.state();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(state).toMatchObject({ moveId: 'm', kind: 'dolly', status: 'running', durationS: 4, speed: 1 });
    expect(state.elapsedS).toBeCloseTo(state.progress * 4, 12);
    const reused = ex.state();
    expect(ex.state(reused)).toBe(reused);
  });
});
