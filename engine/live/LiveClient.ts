// One connected /live client (console or render node): its role, subscription, back-pressure and sync state.
import type { WebSocket } from 'ws';
import type { RoleWire } from '../protocol/LiveMessages.ts';
import { TokenBucket } from './TokenBucket.ts';

export class LiveClient {
  private wallSet: ReadonlySet<string> | '*';
  private withProjections = false;
  private key: string;
  /**
   * Whether this client gets the AI director's traffic (`suggestions`, `audit` events): consoles do, render nodes
   * (`?wall=`) do not, so a 10 kB suggestions message never sits in front of a wall's next frame. `live.subscribe`
   * changes it.
   */
  receivesDirectorTraffic: boolean;
  framesSent = 0;
  /** Frames skipped because the socket's send buffer was over the limit (a slow client). */
  framesDropped = 0;
  /** Last frame number the client reported on screen; -1 before the first report. */
  presentedFrame = -1;
  /** Engine time of that report, s. */
  presentedAtS = -Infinity;
  /**
   * Frames per second it puts on screen: reports per second, from their running mean interval (the wall overlay's
   * `fps` is the same figure, measured in the page). Not engine frames advanced per second: a node that skips frames
   * presents fewer than the engine makes.
   */
  presentedFps = 0;
  private meanPresentIntervalS = 0;
  /** The node's own estimate of when its last frame reached the screen, engine clock, s (null before its clock synced). */
  screenAtS: number | null = null;
  /** Bound on the node's clock error, ms (null before it synced). */
  clockErrorMs: number | null = null;
  /** How late frames reach its screen after their `presentAtS`, ms (running mean; negative = early). */
  presentLateMs: number | null = null;
  commands = 0;
  /** Commands refused for coming faster than the connection's budget. */
  rateLimited = 0;
  readonly commandBudget: TokenBucket;
  rejectedMessages = 0;

  constructor(
    readonly id: string,
    readonly ws: WebSocket,
    readonly role: RoleWire,
    /** The wall a render node drives (`/live?wall=`), undefined for consoles. */
    readonly wallId: string | undefined,
    readonly connectedAtS: number,
    commandRateHz = 50,
  ) {
    this.commandBudget = new TokenBucket(commandRateHz, 2 * commandRateHz, connectedAtS);
    this.wallSet = wallId ? new Set([wallId]) : '*';
    this.key = subscriptionKeyOf(this.wallSet, false);
    this.receivesDirectorTraffic = wallId === undefined;
  }

  /** Walls whose frusta this client receives; '*' = all. */
  get walls(): ReadonlySet<string> | '*' {
    return this.wallSet;
  }

  set walls(walls: ReadonlySet<string> | '*') {
    this.wallSet = walls;
    this.key = subscriptionKeyOf(walls, this.withProjections);
  }

  /**
   * Whether each frustum carries its off-axis projection and view (for render nodes that project per section, e.g. a
   * game engine's): our walls map each camera's own image and need only the footprint, so it is off by default.
   */
  get projections(): boolean {
    return this.withProjections;
  }

  set projections(on: boolean) {
    this.withProjections = on;
    this.key = subscriptionKeyOf(this.wallSet, on);
  }

  /** Key of the frame payload this client gets: clients with equal keys share one serialised string. */
  get subscriptionKey(): string {
    return this.key;
  }

  /** `screenAtS`/`clockErrorMs`: the node's report; `presentAtS`: what the engine meant for that frame, if known. */
  recordPresented(frame: number, nowS: number, screenAtS?: number, clockErrorMs?: number, presentAtS?: number): void {
    if (frame <= this.presentedFrame) return;
    if (screenAtS !== undefined) {
      this.screenAtS = screenAtS;
      if (presentAtS !== undefined) {
        const lateMs = (screenAtS - presentAtS) * 1000;
        this.presentLateMs = this.presentLateMs === null ? lateMs : this.presentLateMs + 0.1 * (lateMs - this.presentLateMs);
      }
    }
    if (clockErrorMs !== undefined) this.clockErrorMs = clockErrorMs;
    const dtS = nowS - this.presentedAtS;
    if (this.presentedFrame >= 0 && dtS > 0 && dtS < 1) {
      this.meanPresentIntervalS = this.meanPresentIntervalS === 0 ? dtS : this.meanPresentIntervalS + 0.1 * (dtS - this.meanPresentIntervalS);
      this.presentedFps = 1 / this.meanPresentIntervalS;
    }
    this.presentedFrame = frame;
    this.presentedAtS = nowS;
  }
}

/** Computed when the subscription changes, not per frame. */
function subscriptionKeyOf(walls: ReadonlySet<string> | '*', projections: boolean): string {
  return (projections ? 'p:' : '') + (walls === '*' ? '*' : [...walls].sort().join(','));
}
