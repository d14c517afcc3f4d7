// The hand-over between moves: a superseded move decelerating to a stop, which drives the output until the new one takes over.
//
// A new path never replaces a moving one mid-motion. When `start` or `reset` arrives during a move, MovePlayback
// ramps the old move's clock to a stop (as an abort would) and hands its plan and clock to a MoveHandover; the new
// path is composed onto `stopOffset` and its clock starts at `handoverS`. Until then the outgoing move is what the
// camera shows, and commands aimed at the new move take effect from the hand-over (`anchorS`).
//
// The plan and clock objects are swapped between the playback and the hand-over, never copied, so starting a move
// during another creates no path objects.
import { MovePlan } from './MovePlan.ts';
import { createMoveTimeline, moveProgressAt, type MoveTimeline } from './moveTimeline.ts';
import { copyPoseOffset, createPoseOffset, type PoseOffset } from './PoseOffset.ts';

export class MoveHandover {
  /** Where the outgoing move comes to rest: the base the new move starts from. */
  readonly stopOffset: PoseOffset = createPoseOffset();
  /** Engine time the outgoing move comes to rest and the new one takes over, s (meaningful while pending). */
  private handoverS = 0;
  private active = false;
  private plan = new MovePlan();
  private timeline: MoveTimeline = createMoveTimeline();
  /** Planned length of the outgoing plan at speed 1, s. */
  private durationS = 0;

  /** True while the outgoing move still drives the output at engine time `tS`. */
  isPending(tS: number): boolean {
    return this.active && tS < this.handoverS;
  }

  /** Engine time a command aimed at the incoming move takes effect: the hand-over while pending, else `tS`. */
  anchorS(tS: number): number {
    return this.isPending(tS) ? this.handoverS : tS;
  }

  /** The outgoing move's offset at `tS` (only meaningful while pending). */
  offsetAt(tS: number, out: PoseOffset): PoseOffset {
    return this.plan.offsetAt(moveProgressAt(this.timeline, tS, this.durationS), out);
  }

  /** Per tick: once past the hand-over the outgoing move has come to rest and is done with. */
  expire(tS: number): void {
    if (this.active && tS >= this.handoverS) this.active = false;
  }

  /**
   * Takes a move whose `timeline` is already ramping to rest at `stopOffset` by `handoverS`, and returns the plan and
   * clock it held before, free for the new path (swapped, not copied).
   */
  takeOver(plan: MovePlan, timeline: MoveTimeline, durationS: number, stopOffset: Readonly<PoseOffset>, handoverS: number): [MovePlan, MoveTimeline] {
    const freed: [MovePlan, MoveTimeline] = [this.plan, this.timeline];
    this.plan = plan;
    this.timeline = timeline;
    this.durationS = durationS;
    copyPoseOffset(stopOffset, this.stopOffset);
    this.active = true;
    this.handoverS = handoverS;
    return freed;
  }
}
