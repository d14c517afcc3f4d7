import { describe, expect, it } from 'vitest';
import { CameraMoves } from '../moves/CameraMoves.ts';
import { TRACKED } from '../moves/moveControllerTestRig.ts';
import type { ActiveMove } from './ActiveMove.ts';
import { TrackingLossGuard, type MoveOnStale } from './TrackingLossGuard.ts';

/** A real controller running an 8 s dolly on cam1 from t = 0, and a guard whose camera is stale when told. */
function setup(policy: MoveOnStale) {
  const moves = new CameraMoves();
  const mc = moves.controllerFor('cam1');
  expect(mc.start('m1', { kind: 'dolly', distanceM: 1, durationS: 8, easing: 'linear' }, TRACKED, 0)).toEqual({ ok: true });
  const tracking = { stale: false };
  const guard = new TrackingLossGuard(policy, (cameraId) => cameraId === 'cam1' && tracking.stale);
  const a = { moveId: 'm1', cameraId: 'cam1', provenance: 'human-only' } as ActiveMove;
  const tick = (tS: number) => {
    moves.update(tS);
    return guard.follow(a, moves, tS);
  };
  return { mc, tracking, guard, tick };
}

describe('TrackingLossGuard', () => {
  it('pause: eases the move to a stop when its camera goes stale and back to speed when it is fresh, recording both as the engine', () => {
    const { mc, tracking, tick } = setup('pause');
    expect(tick(1)).toBeNull();
    tracking.stale = true;
    expect(tick(1.02)).toEqual({ type: 'move.paused', actor: { kind: 'engine' }, moveId: 'm1', provenance: 'human-only', data: { cause: 'tracking-stale', cameraId: 'cam1' } });
    expect(mc.state().status).toBe('paused');
    expect(tick(1.04)).toBeNull(); // once per change
    tick(3);
    const heldAt = mc.state().progress;
    expect(tick(4)).toBeNull();
    expect(mc.state().progress).toBe(heldAt);
    tracking.stale = false;
    expect(tick(4.02)).toMatchObject({ type: 'move.resumed', actor: { kind: 'engine' }, data: { cause: 'tracking-fresh' } });
    tick(6);
    expect(mc.state()).toMatchObject({ status: 'running' });
    expect(mc.state().progress).toBeGreaterThan(heldAt);
  });

  it('continue: the move runs on over the held pose', () => {
    const { mc, tracking, tick } = setup('continue');
    tick(1);
    tracking.stale = true;
    expect(tick(1.02)).toBeNull();
    tick(3);
    expect(mc.state().status).toBe('running');
  });

  it('leaves a move a human paused or resumed in the meantime to the human', () => {
    const { mc, tracking, guard, tick } = setup('pause');
    tick(1);
    tracking.stale = true;
    tick(1.02);
    expect(mc.resume(1.5)).toEqual({ ok: true }); // the director runs it on regardless
    guard.humanTookOver();
    tick(2);
    tracking.stale = false;
    expect(tick(2.02)).toBeNull();
    tracking.stale = true;
    expect(tick(2.04)?.type).toBe('move.paused'); // a new loss is a new change
    expect(mc.pause(2.1)).toEqual({ ok: true });
    guard.humanTookOver();
    tracking.stale = false;
    expect(tick(2.2)).toBeNull(); // they paused it: it stays paused
    expect(mc.state().status).toBe('paused');
  });

  it('never pauses a move started while its camera was already stale', () => {
    const { mc, tracking, tick } = setup('pause');
    tracking.stale = true;
    expect(tick(0.02)).toBeNull();
    expect(tick(1)).toBeNull();
    expect(mc.state().status).toBe('running');
  });
});
