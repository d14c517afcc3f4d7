// The `/ingest` WebSocket endpoint: JSON tracking frames in; each bad frame gets `{type:"error"}` back, the connection stays up.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { RejectReason, type DecodeResult } from '../DecodeResult.ts';
import { LastRejection, RejectCounts } from '../SourceStats.ts';
import type { TrackingHub } from '../TrackingHub.ts';
import { decodeIngestMessage, MAX_INGEST_MESSAGE_BYTES } from './decodeIngestMessage.ts';

export interface IngestEndpointOptions {
  hub: TrackingHub;
  /** Concurrent tracking connections; more are refused at upgrade. */
  maxConnections?: number;
  onReject?: (reason: RejectReason, detail: string) => void;
}

export class IngestEndpoint {
  private readonly wss: WebSocketServer;
  private readonly hub: TrackingHub;
  private readonly maxConnections: number;
  private readonly onReject: IngestEndpointOptions['onReject'];
  private readonly roles = new Map<WebSocket, string>();
  messages = 0;
  updates = 0;
  readonly rejected = new RejectCounts();
  readonly lastRejection = new LastRejection();

  constructor(options: IngestEndpointOptions) {
    this.hub = options.hub;
    this.maxConnections = options.maxConnections ?? 64;
    this.onReject = options.onReject;
    // maxPayload: ws closes the socket (1009) on anything larger, so a giant frame can't eat memory.
    // `vantage` is answered when offered (a browser sends its token as a `vantage-token.…` subprotocol beside it).
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_INGEST_MESSAGE_BYTES, perMessageDeflate: false, handleProtocols: (p) => (p.has('vantage') ? 'vantage' : false) });
    this.wss.on('connection', (ws) => this.onConnection(ws));
  }

  get connectionCount(): number {
    return this.wss.clients.size;
  }

  /** Called by the HTTP server once the request is authenticated as `role` (kept, so a rotated token closes it). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, role = ''): void {
    if (this.wss.clients.size >= this.maxConnections) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.roles.set(ws, role);
      ws.once('close', () => this.roles.delete(ws));
      this.wss.emit('connection', ws, req);
    });
  }

  /** Open connections authenticated as `role`. */
  connectionsOf(role: string): number {
    let n = 0;
    for (const r of this.roles.values()) if (r === role) n++;
    return n;
  }

  /** Closes every connection of `role` (its token was replaced), code 4401 with `reason`. */
  closeRole(role: string, reason: string): void {
    for (const [ws, r] of this.roles) if (r === role) ws.close(4401, reason);
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  stats(): { connections: number; messages: number; updates: number; rejected: number; rejectedByReason: Record<string, number>; lastRejection: ReturnType<LastRejection['toJSON']> } {
    return { connections: this.connectionCount, messages: this.messages, updates: this.updates, rejected: this.rejected.total, rejectedByReason: this.rejected.toJSON(), lastRejection: this.lastRejection.toJSON(this.hub.clock.nowS()) };
  }

  private onConnection(ws: WebSocket): void {
    ws.on('message', (data, isBinary) => this.onMessage(ws, data, isBinary));
    // A protocol error (bad opcode, oversize frame) closes that socket only.
    ws.on('error', () => ws.terminate());
  }

  private onMessage(ws: WebSocket, data: RawData, isBinary: boolean): void {
    const receiveTimeS = this.hub.clock.nowS();
    this.messages++;
    let result: DecodeResult;
    if (isBinary) {
      result = { ok: false, reason: RejectReason.BadJson, detail: 'binary frames are not accepted; send JSON text' };
    } else {
      result = decodeIngestMessage(data.toString());
    }
    if (result.ok === true) {
      for (const update of result.updates) {
        const refused = this.hub.ingest('ws', update, receiveTimeS);
        if (refused) {
          result = refused;
          break;
        }
        this.updates++;
      }
    }
    if (result.ok === false) {
      this.rejected.add(result.reason);
      this.lastRejection.note(result.reason, result.detail, receiveTimeS);
      this.onReject?.(result.reason, result.detail);
      // A client that never reads its errors must not grow our send buffer.
      if (ws.readyState === ws.OPEN && ws.bufferedAmount < 64 * 1024) ws.send(JSON.stringify({ type: 'error', code: result.reason, reason: result.detail }));
    }
  }
}
