// The path of one running move over its progress 0..1: the accepted spec plus every mid-move adjustment, blended so the path stays C¹.
//
// A path is evaluated through its magnitudes: for every kind, the pose at eased progress e of a move with distance D
// and angle A equals the end pose of the same move with distance D·e and angle A·e (push-ins use their resolved
// travel). An adjustment made at progress p₀ adds a layer whose magnitudes, easing and aim point take over from the
// layers below with weight w(p) = smoothstep((p − p₀) / (1 − p₀)): w and w′ are 0 at p₀, so the pose and its
// velocity do not change at the moment of the adjustment, the new end pose is reached exactly at p = 1, and the
// whole path (before and after p₀) stays one smooth curve a scrub can travel along in either direction.
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { multiplyQuat, quatAngle } from '../../camera-bridge/math/quaternion.ts';
import type { MoveKind, MoveSpec } from '../protocol/MoveSpec.ts';
import { easingFunction, type EasingFunction } from './easing.ts';
import { moveAimPoint, moveOffsetAt, pushTravelM, type MoveStart } from './moveOffsetAt.ts';
import { composePoseOffset, copyPoseOffset, createPoseOffset, identityPoseOffset, lerpPoseOffset, type PoseOffset } from './PoseOffset.ts';
import { smoothstep } from './transitionCurves.ts';

/** Adjustments one move can take (one more per distinct progress; repeated adjustments at one progress replace). */
export const MAX_PLAN_LAYERS = 16;
/** Samples along the path when measuring its peaks. */
const PEAK_SAMPLES = 256;
/** Two adjustments closer than this in progress count as "at the same progress". */
const SAME_PROGRESS = 1e-9;

/** Peak rates along a path per unit of progress: divide by the duration (squared for acceleration) for SI rates. */
export interface PathPeaks {
  /** metres per unit progress */
  speedM: number;
  /** radians of camera orientation per unit progress */
  angularRad: number;
  /** metres per unit progress² */
  accelM: number;
}

interface PlanLayer {
  /** Progress where this layer starts to take over. */
  fromProgress: number;
  /** Full-progress distance (metres; push-in / pull-out: resolved travel in the kind's sign convention). */
  distanceM: number;
  angleRad: number;
  /** aim: the tilt part, radians. */
  tiltRad: number;
  ease: EasingFunction;
  /** Aim point, metres, stage frame. */
  target: Vec3;
}

export class MovePlan {
  /** What is being played: a move kind, or the ease back to no offset. */
  kind: MoveKind | 'reset' = 'hold';
  /** Pose the move starts from (tracked pose with `base` applied), its frozen aim point and lens. */
  readonly start: MoveStart & { targetPosition: Vec3; targetIsFallback: boolean } = {
    position: [0, 0, 0],
    rotation: [0, 0, 0, 1],
    targetPosition: [0, 0, 0],
    targetIsFallback: true,
    focalLengthMm: 35,
    sensorHeightMm: 18.66,
  };
  /** The tracked (un-offset) rotation at the start: the camera orientation whose speed the limits bound. */
  readonly trackedRotation: Quat = [0, 0, 0, 1];
  /** Offset already in place when the move started; the move's own offset composes onto it. */
  readonly base: PoseOffset = createPoseOffset();

  private layerCount = 0;
  private readonly layers: PlanLayer[] = Array.from({ length: MAX_PLAN_LAYERS }, () => ({
    fromProgress: 0,
    distanceM: 0,
    angleRad: 0,
    tiltRad: 0,
    ease: (u: number) => u,
    target: [0, 0, 0] as Vec3,
  }));
  private resetEase: EasingFunction = (u) => u;

  // Scratch for evaluation: one move of this plan's kind with the magnitudes reached so far.
  private readonly evalSpec: MoveSpec = { kind: 'hold', durationS: 1, easing: 'linear', distanceM: 0, angleRad: 0, tiltRad: 0 };
  private readonly evalStart: MoveStart & { targetPosition: Vec3 } = {
    position: this.start.position,
    rotation: this.start.rotation,
    targetPosition: [0, 0, 0],
    targetIsFallback: true,
    focalLengthMm: 35,
    sensorHeightMm: 18.66,
  };
  private readonly move = createPoseOffset(); // the move's own offset at one progress
  private readonly identity = createPoseOffset();
  private readonly peakOffset = createPoseOffset();
  private readonly peakRotation: Quat = [0, 0, 0, 1]; // camera orientation at one sample
  private readonly prevRotation: Quat = [0, 0, 0, 1];
  private readonly prevPosition: Vec3 = [0, 0, 0];
  private readonly prevPrevPosition: Vec3 = [0, 0, 0];

  /**
   * Plans `spec` from `start` (the effective start pose: tracked pose with `base` applied). Without a target the
   * aim point is frozen FALLBACK_TARGET_DISTANCE_M ahead of the start camera.
   */
  setMove(spec: Readonly<MoveSpec>, start: Readonly<MoveStart>, base: Readonly<PoseOffset>, trackedRotation: Readonly<Quat>): void {
    this.kind = spec.kind;
    copyVec3(start.position, this.start.position);
    copyQuat(start.rotation, this.start.rotation);
    moveAimPoint(start, this.start.targetPosition);
    this.start.targetIsFallback = start.targetPosition === undefined || start.targetIsFallback === true;
    this.start.focalLengthMm = start.focalLengthMm;
    this.start.sensorHeightMm = start.sensorHeightMm;
    this.evalStart.targetIsFallback = this.start.targetIsFallback;
    this.evalStart.focalLengthMm = start.focalLengthMm;
    this.evalStart.sensorHeightMm = start.sensorHeightMm;
    copyPoseOffset(base, this.base);
    copyQuat(trackedRotation, this.trackedRotation);
    this.layerCount = 0;
    this.writeLayer(this.layers[0]!, 0, spec, this.start.targetPosition);
    this.layerCount = 1;
  }

  /** Plans the ease from `base` back to no offset. */
  setReset(base: Readonly<PoseOffset>, trackedRotation: Readonly<Quat>, ease: EasingFunction): void {
    this.kind = 'reset';
    copyPoseOffset(base, this.base);
    copyQuat(trackedRotation, this.trackedRotation);
    this.resetEase = ease;
    this.layerCount = 0;
  }

  /** Whether `adjust` at `fromProgress` has room. */
  canAdjust(fromProgress: number): boolean {
    if (this.kind === 'reset' || this.layerCount === 0) return false;
    const last = this.layers[this.layerCount - 1]!;
    return this.layerCount < MAX_PLAN_LAYERS || fromProgress < SAME_PROGRESS || Math.abs(last.fromProgress - fromProgress) < SAME_PROGRESS;
  }

  /**
   * Blends `spec` (same kind; magnitudes, easing, framing as the director now wants them from the original start)
   * in from `fromProgress` on; `targetPosition` moves the aim point (absent: keep it). False when out of layers.
   */
  adjust(fromProgress: number, spec: Readonly<MoveSpec>, targetPosition?: Readonly<Vec3>): boolean {
    if (!this.canAdjust(fromProgress)) return false;
    const last = this.layers[this.layerCount - 1]!;
    const target = targetPosition ?? last.target;
    if (fromProgress < SAME_PROGRESS) {
      // Nothing has moved yet: the adjusted spec simply is the move.
      this.layerCount = 1;
      this.writeLayer(this.layers[0]!, 0, spec, target);
      return true;
    }
    // Same progress as the last adjustment (e.g. several while paused): that layer has no effect yet, replace it.
    const layer = this.layerCount > 1 && Math.abs(last.fromProgress - fromProgress) < SAME_PROGRESS ? last : this.layers[this.layerCount++]!;
    this.writeLayer(layer, fromProgress, spec, target);
    return true;
  }

  /** The offset (base included) at linear `progress` 0..1. Allocation-free. */
  offsetAt(progress: number, out: PoseOffset): PoseOffset {
    if (this.kind === 'reset') return lerpPoseOffset(this.base, identityPoseOffset(this.identity), this.resetEase(progress), out);
    const first = this.layers[0]!;
    const e0 = first.ease(progress);
    let distanceM = first.distanceM * e0;
    let angleRad = first.angleRad * e0;
    let tiltRad = first.tiltRad * e0;
    const target = this.evalStart.targetPosition;
    copyVec3(first.target, target);
    for (let i = 1; i < this.layerCount; i++) {
      const layer = this.layers[i]!;
      if (progress <= layer.fromProgress) continue;
      const w = smoothstep(Math.min(1, (progress - layer.fromProgress) / (1 - layer.fromProgress)));
      const e = layer.ease(progress);
      distanceM += (layer.distanceM * e - distanceM) * w;
      angleRad += (layer.angleRad * e - angleRad) * w;
      tiltRad += (layer.tiltRad * e - tiltRad) * w;
      target[0] += (layer.target[0] - target[0]) * w;
      target[1] += (layer.target[1] - target[1]) * w;
      target[2] += (layer.target[2] - target[2]) * w;
    }
    this.evalSpec.kind = this.kind;
    this.evalSpec.distanceM = distanceM;
    this.evalSpec.angleRad = angleRad;
    this.evalSpec.tiltRad = tiltRad;
    moveOffsetAt(this.evalSpec, this.evalStart, 1, this.move);
    return composePoseOffset(this.move, this.base, out);
  }

  /**
   * Peak translation speed, angular speed and acceleration per unit progress over [fromProgress, toProgress]
   * (default: the whole path), from `samples` + 1 evenly spaced samples.
   */
  peaks(out: PathPeaks, fromProgress = 0, toProgress = 1, samples = PEAK_SAMPLES): PathPeaks {
    out.speedM = 0;
    out.angularRad = 0;
    out.accelM = 0;
    const from = Math.max(0, Math.min(1, fromProgress));
    const to = Math.max(from, Math.min(1, toProgress));
    if (to - from < 1e-9) return out;
    const dp = (to - from) / samples;
    for (let i = 0; i <= samples; i++) {
      const o = this.offsetAt(from + i * dp, this.peakOffset);
      const p = o.translationM;
      multiplyQuat(o.rotationWorld, this.trackedRotation, this.peakRotation);
      multiplyQuat(this.peakRotation, o.rotationLocal, this.peakRotation);
      if (i > 0) {
        out.speedM = Math.max(out.speedM, Math.hypot(p[0] - this.prevPosition[0], p[1] - this.prevPosition[1], p[2] - this.prevPosition[2]) / dp);
        out.angularRad = Math.max(out.angularRad, quatAngle(this.peakRotation, this.prevRotation) / dp);
      }
      if (i > 1) {
        const ax = p[0] - 2 * this.prevPosition[0] + this.prevPrevPosition[0];
        const ay = p[1] - 2 * this.prevPosition[1] + this.prevPrevPosition[1];
        const az = p[2] - 2 * this.prevPosition[2] + this.prevPrevPosition[2];
        out.accelM = Math.max(out.accelM, Math.hypot(ax, ay, az) / (dp * dp));
      }
      copyVec3(this.prevPosition, this.prevPrevPosition);
      copyVec3(p, this.prevPosition);
      copyQuat(this.peakRotation, this.prevRotation);
    }
    return out;
  }

  private writeLayer(layer: PlanLayer, fromProgress: number, spec: Readonly<MoveSpec>, target: Readonly<Vec3>): void {
    layer.fromProgress = fromProgress;
    copyVec3(target, layer.target);
    layer.ease = easingFunction(spec.easing);
    layer.angleRad = spec.angleRad ?? 0;
    layer.tiltRad = spec.tiltRad ?? 0;
    if (spec.kind === 'push-in' || spec.kind === 'pull-out') {
      // Resolve framing / distance (and the stand-off) once, from the original start towards this layer's aim point.
      const start = this.evalStart;
      copyVec3(target, start.targetPosition);
      const toward = pushTravelM(spec, start);
      layer.distanceM = spec.kind === 'push-in' ? toward : -toward;
    } else {
      layer.distanceM = spec.distanceM ?? 0;
    }
  }
}

function copyVec3(a: Readonly<Vec3>, out: Vec3): Vec3 {
  out[0] = a[0]; out[1] = a[1]; out[2] = a[2];
  return out;
}

function copyQuat(a: Readonly<Quat>, out: Quat): Quat {
  out[0] = a[0]; out[1] = a[1]; out[2] = a[2]; out[3] = a[3];
  return out;
}
