// Browser side of /live: connects with the page's token, reconnects with backoff, hands typed messages to the page.
import type { ClientMessage, ServerMessage } from '../../engine/protocol/LiveMessages.ts';
import { ClockOffsetEstimator } from './ClockOffsetEstimator.ts';
import { pageToken, tokenSubprotocols } from './pageToken.ts';

/** `refused`: the engine closed the socket with a reason the user must act on (token, role, wall, origin): no retry. */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'refused';

/** Close codes that mean "this link will not work": 4401 token, 4403 role, 4404 wall, 1008 origin. */
const REFUSED_CODES: ReadonlySet<number> = new Set([4401, 4403, 4404, 1008]);

export interface LiveConnectionOptions {
  /** Extra query parameters (e.g. `wall`). */
  params?: Record<string, string>;
  onMessage: (message: ServerMessage) => void;
  onState?: (state: ConnectionState) => void;
  /** Keep an estimate of the engine's clock (`clock`) with pings: render nodes schedule frames with it. */
  clockSync?: boolean;
}

/**
 * Pings right after connecting (a first estimate within a quarter second), then one a second; ten a second while
 * the estimate is worse than GOOD_CLOCK_MS (a page busy loading a scene answers late, and the best exchange wins).
 */
const FIRST_PINGS = 5;
const FIRST_PING_MS = 50;
const FAST_PING_MS = 100;
const PING_MS = 1000;
const GOOD_CLOCK_MS = 1;

/**
 * Reconnect delays, ms. Capped at 500 ms: a restarted engine must get its walls back within a second, and a few
 * retries a second from each render node is nothing on a stage network.
 */
const BACKOFF_MS = [100, 200, 300, 500];

export class LiveConnection {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private stopped = false;
  state: ConnectionState = 'connecting';
  /** Why the engine refused this page (with state `refused`). */
  refusedReason = '';
  /** The engine's clock as seen from this page (fed only with `clockSync`); reset on every reconnect. */
  clock = new ClockOffsetEstimator();
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  private pingId = 0;

  constructor(private readonly options: LiveConnectionOptions) {
    this.connect();
  }

  send(message: ClientMessage): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.pingTimer);
    this.ws?.close();
  }

  private ping(): void {
    this.send({ type: 'ping', id: ++this.pingId, clientSendMs: performance.now() });
    const nextMs = this.pingId < FIRST_PINGS ? FIRST_PING_MS : this.clock.errorMs > GOOD_CLOCK_MS ? FAST_PING_MS : PING_MS;
    this.pingTimer = setTimeout(() => this.ping(), nextMs);
  }

  private connect(): void {
    const page = new URL(location.href);
    const url = new URL('/live', page);
    url.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
    for (const [k, v] of Object.entries(this.options.params ?? {})) url.searchParams.set(k, v);
    this.setState('connecting');
    const ws = new WebSocket(url, tokenSubprotocols(pageToken()));
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.setState('open');
      if (this.options.clockSync) {
        // A restarted engine has a new clock.
        this.clock = new ClockOffsetEstimator();
        this.pingId = 0;
        clearTimeout(this.pingTimer);
        this.ping();
      }
    };
    ws.onmessage = (event) => {
      try {
        const message = JSON.parse(event.data as string) as ServerMessage;
        if (message.type === 'pong') {
          this.clock.add({ clientSendMs: message.clientSendMs, engineReceiveS: message.engineReceiveS, engineSendS: message.engineSendS, clientReceiveMs: performance.now() });
          return;
        }
        this.options.onMessage(message);
      } catch (err) {
        console.error('bad message from engine', err);
      }
    };
    ws.onclose = (event) => {
      clearTimeout(this.pingTimer);
      if (REFUSED_CODES.has(event.code)) {
        this.refusedReason = event.reason || `refused by the engine (code ${event.code})`;
        this.stopped = true;
        this.setState('refused');
        return;
      }
      this.setState('closed');
      if (this.stopped) return;
      const delay = BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)]!;
      setTimeout(() => this.connect(), delay);
    };
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.options.onState?.(state);
  }
}
