// Plays one move's path through engine time within the limits: the plan, its clock, its fitted duration and the hand-over from a superseded move.
//
// The MoveController decides what may happen (commands, status, events); this plans the path (MovePlan, from the
// tracked pose with the offset in place) and times it. Every change of rate is a smoothstep ramp as short as the
// limits allow (fitToLimits.ts), a scrub stops, travels and picks up again (moveTimeline.ts), and a new path waits
// for the old one to stop (moveHandover.ts). Engine times are the command's; a command aimed at a move still
// waiting for its hand-over takes effect from the hand-over (`anchorS`), where the waiting move counts as at rest.
// What the controller calls per tick (isHandingOver, endAt, progressAt, the offsets) allocates nothing.
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import type { MoveSpec } from '../protocol/MoveSpec.ts';
import { easingFunction } from './easing.ts';
import { fitDuration, rampDuration, rateCap, seekDuration } from './fitToLimits.ts';
import { MoveHandover } from './moveHandover.ts';
import type { MoveStart } from './moveOffsetAt.ts';
import { MovePlan, type PathPeaks } from './MovePlan.ts';
import { createMoveTimeline, isSeeking, isTimelineSettled, moveProgressAt, moveRateAt, moveTimeAt, setRamp, setSeek, stopMoveTime } from './moveTimeline.ts';
import type { MoveLimits, MoveOutcome, MoveState } from './moveTypes.ts';
import { applyPoseOffset, copyPoseOffset, type PoseOffset } from './PoseOffset.ts';

export class MovePlayback {
  /** True while `plan` drives the output (pending, playing, paused or stopping). */
  active = false;
  /** Planned length of `plan` at speed 1 after limit stretching, s (0 until the first move). */
  durationS = 0;
  /** Length the spec (or reset) asked for, s. */
  requestedDurationS = 0;
  /** True when the limits made durationS longer than asked. */
  stretched = false;
  /** Playback rate while running (1 = as planned), as granted: the controller clamps and caps it (`rateCap`). */
  speed = 1;

  /** The path being played (swapped with the hand-over's on supersede). */
  private plan = new MovePlan();
  private timeline = createMoveTimeline();
  private readonly peaks: PathPeaks = { speedM: 0, angularRad: 0, accelM: 0 };
  private readonly handover = new MoveHandover();

  constructor(
    readonly limits: Readonly<MoveLimits>,
    /** Shortest rate ramp or scrub, s. */
    readonly blendS: number,
  ) {}

  // ---- the path ------------------------------------------------------------------------------------------------

  /**
   * Plans `spec` from the `tracked` pose with `base` already in place (the aim point `targetPosition` when given);
   * `begin` then plays it.
   */
  planMove(spec: Readonly<MoveSpec>, tracked: Readonly<MoveStart>, base: Readonly<PoseOffset>, targetPosition: Readonly<Vec3> | undefined): void {
    // The pose the camera shows as the move begins: the tracked pose with the offset in place.
    const start: MoveStart = {
      position: [tracked.position[0], tracked.position[1], tracked.position[2]],
      rotation: [tracked.rotation[0], tracked.rotation[1], tracked.rotation[2], tracked.rotation[3]],
      focalLengthMm: tracked.focalLengthMm,
      sensorHeightMm: tracked.sensorHeightMm,
    };
    applyPoseOffset(base, start.position, start.rotation);
    if (targetPosition) start.targetPosition = [targetPosition[0], targetPosition[1], targetPosition[2]];
    if (tracked.targetIsFallback) start.targetIsFallback = true;
    this.plan.setMove(spec, start, base, tracked.rotation);
  }

  /** Plans the ease from `base` back to no offset (a cubic); `begin` then plays it. */
  planReset(base: Readonly<PoseOffset>, trackedRotation: Readonly<Quat>): void {
    this.plan.setReset(base, trackedRotation, easingFunction('cubic'));
  }

  /** Whether the path can take another adjustment at `progress`. */
  canAdjust(progress: number): boolean {
    return this.plan.canAdjust(progress);
  }

  /**
   * Blends `spec` into the path from `progress` on (MovePlan.adjust), then re-fits its duration: `durationS` at
   * `speed`, stretched to the limits, keeping progress and its rate at this moment, then ramping to `rate1`.
   * `spec.durationS` is what was asked for.
   */
  adjust(nowS: number, progress: number, spec: Readonly<MoveSpec>, targetPosition: Readonly<Vec3> | undefined, durationS: number, speed: number, rate1: number): void {
    this.plan.adjust(progress, spec, targetPosition);
    const tS = this.anchorS(nowS);
    const m = moveTimeAt(this.timeline, tS);
    const r = this.rateAt(nowS);
    this.plan.peaks(this.peaks);
    const oldDurationS = this.durationS;
    this.speed = speed;
    this.durationS = fitDuration(this.peaks, durationS, speed, this.limits);
    this.requestedDurationS = spec.durationS;
    this.stretched = this.durationS > spec.durationS;
    // Same progress and progress rate as a moment ago, then a ramp to `rate1`.
    const scale = this.durationS / oldDurationS;
    const rate0 = r * scale;
    setRamp(this.timeline, tS, m * scale, rate0, rate1, this.shortestRampS(rate0, rate1, m * scale));
  }

  /** The path's offset (its base included) at `progress`. */
  pathOffsetAt(progress: number, out: PoseOffset): PoseOffset {
    return this.plan.offsetAt(progress, out);
  }

  // ---- queries -------------------------------------------------------------------------------------------------

  /** True while a superseded move still drives the output at `tS` and this plan waits for it. */
  isHandingOver(tS: number): boolean {
    return this.handover.isPending(tS);
  }

  /** Engine time a command given at `nowS` takes effect: the hand-over while one is pending, else `nowS`. */
  anchorS(nowS: number): number {
    return this.handover.anchorS(nowS);
  }

  /** Progress 0..1 along `plan` at `tS`; only meaningful once a move has been planned (`durationS` > 0). */
  progressAt(tS: number): number {
    return moveProgressAt(this.timeline, tS, this.durationS);
  }

  /** The superseded move's offset at `tS`, while `isHandingOver(tS)`. */
  outgoingOffsetAt(tS: number, out: PoseOffset): PoseOffset {
    return this.handover.offsetAt(tS, out);
  }

  /**
   * How the playing path ends at `tS`, if it does: once the clock has run past its end (not mid-scrub), 'aborted'
   * when `stopping` (an abort) and 'completed' otherwise; a stop that has come to rest short of it is 'aborted'.
   * Nothing ends while a hand-over is still pending.
   */
  endAt(tS: number, stopping: boolean): MoveOutcome | null {
    if (this.handover.isPending(tS)) return null;
    if (!isSeeking(this.timeline, tS) && moveTimeAt(this.timeline, tS) >= this.durationS) return stopping ? 'aborted' : 'completed';
    return stopping && isTimelineSettled(this.timeline, tS) ? 'aborted' : null;
  }

  /** The timing half of a MoveState, at `progress`. */
  writeTiming(progress: number, out: MoveState): MoveState {
    out.progress = progress;
    out.elapsedS = progress * this.durationS;
    out.durationS = this.durationS;
    out.requestedDurationS = this.requestedDurationS;
    out.stretched = this.stretched;
    out.speed = this.speed;
    out.remainingS = this.active ? ((1 - progress) * this.durationS) / this.speed : 0;
    return out;
  }

  /** Highest playback rate the limits allow on this path. */
  rateCap(): number {
    return rateCap(this.peaks, this.durationS, this.limits);
  }

  // ---- timing --------------------------------------------------------------------------------------------------

  /** Per tick: lets go of a superseded move once it has come to rest. */
  expireHandover(nowS: number): void {
    this.handover.expire(nowS);
  }

  /**
   * Times the freshly set `plan` at `speed` (stretched to the limits) and starts its clock at once, as any move
   * starts (its easing is what starts it gently): now, or from the hand-over.
   */
  begin(nowS: number, requestedDurationS: number, speed: number): void {
    this.active = true;
    this.speed = speed;
    this.plan.peaks(this.peaks);
    this.requestedDurationS = requestedDurationS;
    this.durationS = fitDuration(this.peaks, requestedDurationS, speed, this.limits);
    this.stretched = this.durationS > requestedDurationS;
    setRamp(this.timeline, this.anchorS(nowS), 0, speed, speed, 0);
  }

  /** Ramp to `rate`; mid-scrub a non-zero rate becomes the rate after arriving, while a stop stops where it is. */
  rampTo(nowS: number, rate: number): void {
    const tl = this.timeline;
    const tS = this.anchorS(nowS);
    if (rate > 0 && isSeeking(tl, tS)) {
      tl.rate1 = rate;
      tl.followDurationS = this.shortestRampS(0, rate, tl.targetS);
      return;
    }
    const m = moveTimeAt(tl, tS);
    const r = this.rateAt(nowS);
    setRamp(tl, tS, m, r, rate, this.shortestRampS(r, rate, m));
  }

  /** Scrub: stop, travel along the path to `progress` (0..1, clamped), then ramp to `followRate` (0: hold there). */
  seekTo(nowS: number, progress: number, followRate: number): void {
    const tS = this.anchorS(nowS);
    const targetS = Math.min(1, Math.max(0, progress)) * this.durationS;
    const m = moveTimeAt(this.timeline, tS);
    const r = this.rateAt(nowS);
    const stopS = this.shortestRampS(r, 0, m);
    const travelS = seekDuration(this.plan, this.durationS, stopMoveTime(m, r, stopS), targetS, this.limits, this.blendS);
    setSeek(this.timeline, tS, m, r, stopS, targetS, travelS, followRate, this.shortestRampS(0, followRate, targetS));
  }

  /** Ends the move at `progress`: the clock holds there and `plan` stops driving the output. */
  stopAt(nowS: number, progress: number): void {
    this.active = false;
    setRamp(this.timeline, nowS, progress * this.durationS, 0, 0, 0);
  }

  /**
   * Before a new path: a move still in motion ramps to a stop and goes to the hand-over (a move still waiting for
   * one is dropped, and the outgoing move keeps stopping where it was going to). Writes where everything comes to
   * rest into `restOut`; `plan` is then free for the new path.
   */
  supersede(nowS: number, restOut: PoseOffset): void {
    this.active = false;
    if (this.handover.isPending(nowS)) {
      copyPoseOffset(this.handover.stopOffset, restOut);
      return;
    }
    const m = moveTimeAt(this.timeline, nowS);
    const r = moveRateAt(this.timeline, nowS);
    const stopS = isTimelineSettled(this.timeline, nowS) && r === 0 ? 0 : this.shortestRampS(r, 0, m);
    setRamp(this.timeline, nowS, m, r, 0, stopS);
    this.plan.offsetAt(clamp01(stopMoveTime(m, r, stopS) / this.durationS), restOut);
    if (stopS > 0) {
      // The stopping move goes to the hand-over; the plan and clock it frees take the new path.
      [this.plan, this.timeline] = this.handover.takeOver(this.plan, this.timeline, this.durationS, restOut, nowS + stopS);
    }
  }

  // ---- internals -----------------------------------------------------------------------------------------------

  /** Rate of the clock at the command's anchor: a move waiting for its hand-over counts as at rest. */
  private rateAt(nowS: number): number {
    return this.handover.isPending(nowS) ? 0 : moveRateAt(this.timeline, nowS);
  }

  /** Shortest ramp of the rate from `rate0` to `rate1` at move time `moveS` within the limits, s. */
  private shortestRampS(rate0: number, rate1: number, moveS: number): number {
    return rampDuration(this.plan, this.durationS, rate0, rate1, moveS, this.limits, this.blendS);
  }
}

function clamp01(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? 1 : x;
}
