// What a running move does when its camera's tracking goes stale (VP_MOVE_ON_STALE): `pause` eases it to a stop and,
// once the camera is fresh again, back to speed, unless a human commanded the move meanwhile; `continue` lets it run.
// The offset moves on top of the tracked pose: over a held pose it would carry the shot on while nobody sees where.
import type { CameraMoves } from '../moves/CameraMoves.ts';
import { createMoveState } from '../moves/moveTypes.ts';
import type { AuditEntry } from '../protocol/audit.ts';
import type { ActiveMove } from './ActiveMove.ts';

export const MOVE_ON_STALE = ['pause', 'continue'] as const;
export type MoveOnStale = (typeof MOVE_ON_STALE)[number];

export class TrackingLossGuard {
  private moveId: string | null = null;
  /** The camera's stale flag at the last tick: the guard acts on changes only, never against a human's choice. */
  private wasStale = false;
  private pausedByEngine = false;
  private readonly state = createMoveState();

  /** `isStale`: whether a camera's tracking is stale at an engine time; without it nothing is ever paused. */
  constructor(
    readonly policy: MoveOnStale = 'pause',
    private readonly isStale?: (cameraId: string, nowS: number) => boolean,
  ) {}

  /** A human commanded the move: the engine will not resume what they paused, or pause what they resumed. */
  humanTookOver(): void {
    this.pausedByEngine = false;
  }

  /**
   * Per tick, for the director's move `a`: pauses or resumes it when its camera's tracking changed since the last
   * tick, and returns the audit record of what it did (actor `engine`), else null.
   */
  follow(a: Readonly<ActiveMove> | null, moves: CameraMoves, nowS: number): AuditEntry | null {
    const controller = a && moves.get(a.cameraId);
    if (!a || !controller || !this.isStale) return null;
    const stale = this.isStale(a.cameraId, nowS);
    if (a.moveId !== this.moveId) {
      // A new move starts from whatever the camera is now: one started on a stale camera was started knowingly.
      this.moveId = a.moveId;
      this.wasStale = stale;
      this.pausedByEngine = false;
      return null;
    }
    if (stale === this.wasStale) return null;
    this.wasStale = stale;
    if (this.policy === 'continue') return null;
    const s = controller.state(this.state);
    if (s.moveId !== a.moveId) return null; // a reset or another move took over
    let type: 'move.paused' | 'move.resumed' | null = null;
    if (stale && s.status === 'running' && controller.pause(nowS).ok) {
      this.pausedByEngine = true;
      type = 'move.paused';
    } else if (!stale && this.pausedByEngine) {
      this.pausedByEngine = false;
      if (s.status === 'paused' && controller.resume(nowS).ok) type = 'move.resumed';
    }
    if (!type) return null;
    const cause = stale ? 'tracking-stale' : 'tracking-fresh';
    return { type, actor: { kind: 'engine' }, moveId: a.moveId, provenance: a.provenance, data: { cause, cameraId: a.cameraId } };
  }
}
