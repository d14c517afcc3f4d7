import { describe, expect, it } from 'vitest';
import { MoveHandover } from './moveHandover.ts';
import type { MoveStart } from './moveOffsetAt.ts';
import { MovePlan } from './MovePlan.ts';
import { createMoveTimeline, setRamp } from './moveTimeline.ts';
import { createPoseOffset } from './PoseOffset.ts';

const START: MoveStart = { position: [0, 1.5, 4], rotation: [0, 0, 0, 1], focalLengthMm: 35, sensorHeightMm: 18.66 };

/** A 2 m linear dolly planned over 4 s, its clock at rate 1 from move time 0 at engine time 0. */
function stoppingMove(): { plan: MovePlan; timeline: ReturnType<typeof createMoveTimeline> } {
  const plan = new MovePlan();
  plan.setMove({ kind: 'dolly', distanceM: 2, durationS: 4, easing: 'linear' }, START, createPoseOffset(), [0, 0, 0, 1]);
  const timeline = createMoveTimeline();
  setRamp(timeline, 0, 0, 1, 1, 0);
  return { plan, timeline };
}

describe('MoveHandover', () => {
  it('with nothing handed over, nothing is pending and commands apply when given', () => {
    const handover = new MoveHandover();
    expect(handover.isPending(0)).toBe(false);
    expect(handover.anchorS(3)).toBe(3);
  });

  it('takes a stopping move, gives back the plan and clock it held, and is pending until the hand-over', () => {
    const handover = new MoveHandover();
    const { plan, timeline } = stoppingMove();
    const stop = createPoseOffset();
    stop.translationM[2] = -1;
    const [freedPlan, freedTimeline] = handover.takeOver(plan, timeline, 4, stop, 2);
    expect(freedPlan).not.toBe(plan);
    expect(freedTimeline).not.toBe(timeline);
    stop.translationM[2] = 9; // the stop pose was copied
    expect(handover.stopOffset.translationM).toEqual([0, 0, -1]);
    expect(handover.isPending(1.9)).toBe(true);
    expect(handover.anchorS(1)).toBe(2); // a command at 1 s takes effect at the hand-over
    expect(handover.isPending(2)).toBe(false);
    // Handing the freed pair back on the next supersede returns the first pair: slots swap, nothing is copied.
    const [again] = handover.takeOver(freedPlan, freedTimeline, 4, stop, 5);
    expect(again).toBe(plan);
  });

  it('shows the outgoing move along its own clock: 1 s of 4 along a 2 m dolly is 0.5 m in', () => {
    const handover = new MoveHandover();
    const { plan, timeline } = stoppingMove();
    handover.takeOver(plan, timeline, 4, createPoseOffset(), 2);
    expect(handover.offsetAt(1, createPoseOffset()).translationM[2]).toBeCloseTo(-0.5, 12);
  });

  it('expire lets go once past the hand-over, not before', () => {
    const handover = new MoveHandover();
    const { plan, timeline } = stoppingMove();
    handover.takeOver(plan, timeline, 4, createPoseOffset(), 2);
    handover.expire(1.5);
    expect(handover.isPending(1.5)).toBe(true);
    handover.expire(2);
    expect(handover.isPending(1.5)).toBe(false); // gone for good, even asked about an earlier time
  });
});
