// Transport commands shared by the buttons and the keys (Space, Esc, ←/→, ↑/↓), reading the latest frame's move.
import type { ConsoleStore } from '../state/ConsoleStore.ts';
import type { LiveSession } from '../state/LiveSession.ts';
import { pushToast } from '../state/toasts.ts';

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 2;
export const SPEED_STEP = 0.25;
/** ←/→ scrub step, fraction of the move. */
export const SCRUB_STEP = 0.05;

/** Whether the move can still be driven (not finished or being aborted). */
function liveMove(store: ConsoleStore) {
  const move = store.live.frame?.move ?? null;
  return move && (move.status === 'running' || move.status === 'paused') ? move : null;
}

export function togglePause(session: LiveSession, store: ConsoleStore): void {
  const move = liveMove(store);
  if (!move) return;
  const name = move.status === 'paused' ? 'move.resume' : 'move.pause';
  void session.command(name).then((ack) => ack.ok && pushToast(store, 'info', name === 'move.pause' ? 'Paused' : 'Resumed'));
}

export function abortMove(session: LiveSession, store: ConsoleStore): void {
  if (!liveMove(store)) return;
  void session.command('move.abort').then((ack) => ack.ok && pushToast(store, 'info', 'Move aborted'));
}

export function scrubBy(session: LiveSession, store: ConsoleStore, delta: number): void {
  const move = liveMove(store);
  if (!move) return;
  void session.command('move.scrub', { progress: clamp(move.progress + delta, 0, 1) });
}

export function speedBy(session: LiveSession, store: ConsoleStore, delta: number): void {
  const move = liveMove(store);
  if (!move) return;
  const speed = clamp(Math.round((move.speed + delta) / SPEED_STEP) * SPEED_STEP, MIN_SPEED, MAX_SPEED);
  if (speed !== move.speed) void session.command('move.speed', { speed }).then((ack) => ack.ok && pushToast(store, 'info', `Speed ×${speed.toFixed(2)}`));
}

export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
