// Test rig for MoveController: drives one the way the engine does (update, then apply, every millisecond) and measures the motion it produces.
import { expect } from 'vitest';
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { quatAngle, rotateVec3 } from '../../camera-bridge/math/quaternion.ts';
import type { MoveSpec } from '../protocol/MoveSpec.ts';
import { MoveController, type MoveCommandResult, type MoveEvent, type MoveLimits, type MoveControllerOptions } from './MoveController.ts';
import type { MoveStart } from './moveOffsetAt.ts';

export const DT_S = 0.001;
export const LIMITS: MoveLimits = { maxSpeedMps: 1.5, maxAngularSpeedRadPerS: 1, maxAccelMps2: 2 };
/** Tracked camera 4 m in front of the stage centre at eye height, looking along −Z; 35 mm on 18.66 mm. */
export const TRACKED: MoveStart = { position: [0, 1.5, 4], rotation: [0, 0, 0, 1], focalLengthMm: 35, sensorHeightMm: 18.66 };
export const TARGET: Vec3 = [0, 1.5, 0];

export interface Trace {
  t: number[];
  position: Vec3[];
  rotation: Quat[];
}

export function controller(options: Partial<MoveControllerOptions> = {}): { mc: MoveController; events: MoveEvent[] } {
  const events: MoveEvent[] = [];
  const mc = new MoveController({ cameraId: 'cam-a', limits: LIMITS, onEvent: (e) => events.push(e), ...options });
  return { mc, events };
}

export function dolly(distanceM: number, durationS: number, more: Partial<MoveSpec> = {}): MoveSpec {
  return { kind: 'dolly', distanceM, durationS, easing: 'ease-in-out', ...more };
}

/**
 * Ticks the controller every millisecond from `fromS` to `toS` as the engine would (update, then apply to the
 * tracked pose), running each action at its time first; every action must succeed.
 */
export function drive(mc: MoveController, fromS: number, toS: number, actions: [number, (tS: number) => MoveCommandResult][] = [], tracked = TRACKED): Trace {
  const trace: Trace = { t: [], position: [], rotation: [] };
  const first = Math.round(fromS / DT_S);
  const last = Math.round(toS / DT_S);
  for (let i = first; i <= last; i++) {
    const tS = i * DT_S;
    for (const [atS, action] of actions) if (Math.round(atS / DT_S) === i) expect(action(tS)).toEqual({ ok: true });
    mc.update(tS);
    const position: Vec3 = [...tracked.position];
    const rotation: Quat = [...tracked.rotation];
    mc.apply('cam-a', position, rotation);
    trace.t.push(tS);
    trace.position.push(position);
    trace.rotation.push(rotation);
  }
  return trace;
}

/** Peak speed, acceleration and angular speed by finite differences over consecutive samples. */
export function motionPeaks(trace: Trace, fromS = -Infinity, toS = Infinity): { speed: number; accel: number; angular: number; maxStepM: number } {
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
export function expectWithinLimits(trace: Trace, limits: MoveLimits = LIMITS): void {
  const peaks = motionPeaks(trace);
  expect(peaks.maxStepM).toBeLessThanOrEqual(limits.maxSpeedMps * DT_S + 1e-9);
  expect(peaks.accel * DT_S).toBeLessThanOrEqual(limits.maxAccelMps2 * DT_S + 1e-9); // velocity jump per sample
  expect(peaks.angular).toBeLessThanOrEqual(limits.maxAngularSpeedRadPerS + 1e-9);
}

export function at(trace: Trace, tS: number): { position: Vec3; rotation: Quat } {
  const i = trace.t.findIndex((t) => t >= tS - DT_S / 2);
  return { position: trace.position[i]!, rotation: trace.rotation[i]! };
}

export function expectVec(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 6): void {
  for (let i = 0; i < expected.length; i++) expect(actual[i], `component ${i}`).toBeCloseTo(expected[i]!, digits);
}

export const view = (q: Quat): Vec3 => rotateVec3(q, [0, 0, -1], [0, 0, 0]);
