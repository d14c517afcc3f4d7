// Browser side of /live: connects with the page's token, reconnects with backoff, hands typed messages to the page.
import type { ClientMessage, ServerMessage } from '../../engine/protocol/LiveMessages.ts';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface LiveConnectionOptions {
  /** Extra query parameters (e.g. `wall`). */
  params?: Record<string, string>;
  onMessage: (message: ServerMessage) => void;
  onState?: (state: ConnectionState) => void;
}

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
    this.ws?.close();
  }

  private connect(): void {
    const page = new URL(location.href);
    const url = new URL('/live', page);
    url.protocol = page.protocol === 'https:' ? 'wss:' : 'ws:';
    const token = page.searchParams.get('token');
    if (token) url.searchParams.set('token', token);
    for (const [k, v] of Object.entries(this.options.params ?? {})) url.searchParams.set(k, v);
    this.setState('connecting');
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.setState('open');
    };
    ws.onmessage = (event) => {
      try {
        this.options.onMessage(JSON.parse(event.data as string) as ServerMessage);
      } catch (err) {
        console.error('bad message from engine', err);
      }
    };
    ws.onclose = () => {
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
