// The /live WebSocket fan-out: hello on connect, one frame per tick to every client without ever blocking the tick,
// commands queued for the next tick and acknowledged, render-node sync tracked from their `presented` reports.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { AckMessage, CommandMessage, HelloMessage, RoleWire, ServerMessage } from '../protocol/LiveMessages.ts';
import type { FramePayload } from '../frame/FrameEncoder.ts';
import type { RenderNodeHealthWire } from '../protocol/health.ts';
import { ClientMessageSchema, MAX_LIVE_MESSAGE_BYTES } from './ClientMessageSchema.ts';
import { WebSocketRefuser } from '../http/WebSocketRefuser.ts';
import { LiveClient } from './LiveClient.ts';
import { PresentSync } from './PresentSync.ts';

/** Skip frames for a client whose unsent bytes exceed this (~ a few frames): never buffer unbounded. */
export const MAX_BUFFERED_BYTES = 512 * 1024;
/** A render node more than this many frames behind is out of sync. */
export const MAX_SYNC_LAG_FRAMES = 2;
/** A render node silent for this long is out of sync, s. */
export const MAX_SYNC_SILENCE_S = 0.5;

export interface QueuedCommand {
  client: LiveClient;
  command: CommandMessage;
}

export interface LiveServerOptions {
  nowS: () => number;
  hello: (client: LiveClient) => HelloMessage;
  /** Known wall ids: a render node asking for another is refused. */
  wallIds: () => readonly string[];
  maxConnections?: number;
  /** Commands a client may send per second, sustained (twice that in a burst). */
  commandRateHz?: number;
  onProtocolError?: (client: LiveClient, reason: string) => void;
  /** A client's socket closed (after it left the client list). */
  onClientClosed?: (client: LiveClient) => void;
}

/** A render node's sync as `GET /api/health` reports it. */
export type RenderNodeHealth = RenderNodeHealthWire;

export class LiveServer {
  private readonly wss: WebSocketServer;
  private readonly clients = new Map<WebSocket, LiveClient>();
  private readonly queue: QueuedCommand[] = [];
  private readonly options: LiveServerOptions;
  private readonly maxConnections: number;
  /**
   * Per-tick cache: subscription key → the serialised frame as UTF-8 bytes, encoded once for every client with that
   * subscription (a string is re-encoded on every send: 32 consoles cost 32 encodes of the same ~5 kB).
   */
  private readonly serialised = new Map<string, Buffer>();
  /** Closes a browser page's socket with a reason it can show (a wall the stage does not have). */
  private readonly refuser = new WebSocketRefuser();
  private static readonly TEXT = { binary: false } as const;
  /** The last published frame number. */
  frame = -1;
  /** When each recent frame was meant for, and when the render nodes say it reached their screens. */
  readonly sync = new PresentSync();
  rejectedMessages = 0;

  constructor(options: LiveServerOptions) {
    this.options = options;
    this.maxConnections = options.maxConnections ?? 256;
    // `vantage` is answered when offered: browsers offer it beside their `vantage-token.…` (the token, never echoed).
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_LIVE_MESSAGE_BYTES, perMessageDeflate: false, handleProtocols: (p) => (p.has('vantage') ? 'vantage' : false) });
  }

  get clientCount(): number {
    return this.clients.size;
  }

  clientList(): LiveClient[] {
    return [...this.clients.values()];
  }

  /** Upgrade an authenticated request; `?wall=` makes the client a render node for that wall. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, role: RoleWire): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const wallId = url.searchParams.get('wall') ?? undefined;
    if (wallId !== undefined && !this.options.wallIds().includes(wallId)) {
      const walls = this.options.wallIds();
      if (req.headers.origin === undefined) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      // A wall page: say which walls there are, in a close reason it can show (the refuser keeps it to 123 bytes).
      const reason = `no wall called "${wallId.slice(0, 24)}" on this stage (walls: ${walls.join(', ')})`;
      this.refuser.refuse(req, socket, head, 4404, reason);
      return;
    }
    if (this.clients.size >= this.maxConnections) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const client = new LiveClient(randomUUID(), ws, role, wallId, this.options.nowS(), this.options.commandRateHz);
      if (url.searchParams.get('projections') === '1') client.projections = true;
      this.clients.set(ws, client);
      ws.on('message', (data, isBinary) => this.onMessage(client, data, isBinary));
      ws.on('close', () => {
        this.clients.delete(ws);
        this.options.onClientClosed?.(client);
      });
      ws.on('error', () => ws.terminate());
      this.sendTo(client, JSON.stringify(this.options.hello(client)));
    });
  }

  /** Send this tick's frame to every client; a client with a full send buffer skips it (counted). */
  publish(payload: FramePayload): void {
    this.frame = payload.frame;
    this.sync.published(payload.frame, payload.presentAtS);
    this.serialised.clear();
    // Render nodes first: on a busy tick the walls' frames leave before the consoles'.
    for (const client of this.clients.values()) if (client.wallId !== undefined) this.sendFrame(client, payload);
    for (const client of this.clients.values()) if (client.wallId === undefined) this.sendFrame(client, payload);
  }

  private sendFrame(client: LiveClient, payload: FramePayload): void {
    if (client.ws.readyState !== client.ws.OPEN) return;
    if (client.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      client.framesDropped++;
      return;
    }
    const key = client.subscriptionKey;
    let bytes = this.serialised.get(key);
    if (bytes === undefined) {
      bytes = Buffer.from(serialiseFrame(payload, client.walls, client.projections));
      this.serialised.set(key, bytes);
    }
    client.ws.send(bytes, LiveServer.TEXT);
    client.framesSent++;
  }

  /** Closes every connection of `role` (its token was rotated): code 4401, so the page says why. */
  closeRole(role: RoleWire, reason: string): number {
    let closed = 0;
    for (const client of this.clients.values()) {
      if (client.role !== role) continue;
      client.ws.close(4401, reason);
      closed++;
    }
    return closed;
  }

  /** Commands received since the last call, in arrival order (applied at the tick). */
  takeCommands(): QueuedCommand[] {
    return this.queue.splice(0, this.queue.length);
  }

  ack(client: LiveClient, message: AckMessage): void {
    this.sendTo(client, JSON.stringify(message));
  }

  /** A message (event, suggestions) to every client, or those `filter` picks; serialised once. */
  broadcast(message: ServerMessage, filter?: (c: LiveClient) => boolean): void {
    const text = JSON.stringify(message);
    for (const client of this.clients.values()) if (!filter || filter(client)) this.sendTo(client, text);
  }

  renderNodes(nowS = this.options.nowS()): RenderNodeHealth[] {
    return this.clientList()
      .filter((c) => c.wallId !== undefined)
      .map((c) => {
        const lag = c.presentedFrame >= 0 ? this.frame - c.presentedFrame : null;
        const inSync = lag !== null && lag <= MAX_SYNC_LAG_FRAMES && nowS - c.presentedAtS <= MAX_SYNC_SILENCE_S;
        return {
          clientId: c.id,
          wallId: c.wallId,
          presentedFrame: c.presentedFrame,
          lagFrames: lag,
          presentedFps: Math.round(c.presentedFps * 10) / 10,
          inSync,
          framesSent: c.framesSent,
          framesDropped: c.framesDropped,
          clockErrorMs: c.clockErrorMs === null ? null : Math.round(c.clockErrorMs * 100) / 100,
          presentLateMs: c.presentLateMs === null ? null : Math.round(c.presentLateMs * 100) / 100,
        };
      });
  }

  async close(): Promise<void> {
    for (const ws of this.clients.keys()) ws.terminate();
    this.clients.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onMessage(client: LiveClient, data: RawData, isBinary: boolean): void {
    if (isBinary) return this.refuse(client, 'binary frames are not accepted; send JSON text');
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      return this.refuse(client, 'malformed JSON');
    }
    const parsed = ClientMessageSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return this.refuse(client, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    const msg = parsed.data;
    if (msg.type === 'ping') {
      // Answered now, not at the tick: the node's clock estimate is only as good as this reply is prompt.
      const engineReceiveS = this.options.nowS();
      this.sendTo(client, `{"type":"pong","id":${msg.id},"clientSendMs":${msg.clientSendMs},"engineReceiveS":${engineReceiveS},"engineSendS":${this.options.nowS()}}`);
      return;
    }
    if (msg.type === 'presented') {
      client.recordPresented(msg.frame, this.options.nowS(), msg.presentedAtS, msg.clockErrorMs, this.sync.presentAtOf(msg.frame));
      if (client.wallId !== undefined && msg.presentedAtS !== undefined) this.sync.presented(msg.frame, msg.presentedAtS);
      return;
    }
    client.commands++;
    if (!client.commandBudget.take(this.options.nowS())) {
      client.rateLimited++;
      this.ack(client, { type: 'ack', id: msg.id, ok: false, error: `VP_ERR_RATE_LIMIT: more than ${client.commandBudget.rateHz} commands a second from this connection; slow down` });
      return;
    }
    // Bounded: a client flooding commands faster than ticks loses the excess, with an error ack each.
    if (this.queue.length >= 1024) {
      this.ack(client, { type: 'ack', id: msg.id, ok: false, error: 'VP_ERR_BUSY: too many queued commands' });
      return;
    }
    this.queue.push({ client, command: msg as CommandMessage });
  }

  private refuse(client: LiveClient, reason: string): void {
    client.rejectedMessages++;
    this.rejectedMessages++;
    this.options.onProtocolError?.(client, reason);
    this.sendTo(client, JSON.stringify({ type: 'error', code: 'VP_ERR_BAD_MESSAGE', reason }));
  }

  private sendTo(client: LiveClient, text: string): void {
    if (client.ws.readyState === client.ws.OPEN && client.ws.bufferedAmount <= MAX_BUFFERED_BYTES) client.ws.send(text);
  }
}

/** `{<head>,"walls":{"id":<wall>,...}}` — pieces were serialised once for the tick. */
export function serialiseFrame(payload: FramePayload, walls: ReadonlySet<string> | '*', projections = false): string {
  let out = `{${payload.head},"walls":{`;
  let first = true;
  for (const [id, json] of projections ? payload.wallsWithProjections() : payload.walls) {
    if (walls !== '*' && !walls.has(id)) continue;
    out += `${first ? '' : ','}${JSON.stringify(id)}:${json}`;
    first = false;
  }
  return out + '}}';
}
