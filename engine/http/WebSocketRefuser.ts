// Refuses a WebSocket with a close code and reason the page can read: a browser sees nothing of an HTTP error on a
// WebSocket handshake (only "failed"), so the handshake completes and the socket closes at once, unread.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';

export class WebSocketRefuser {
  // Accepts the plain `vantage` subprotocol if offered (a browser fails a handshake that ignores its subprotocols).
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024, perMessageDeflate: false, handleProtocols: (p) => (p.has('vantage') ? 'vantage' : false) });

  /** `code`: 1008 (policy) or 4xxx; `reason`: at most 123 bytes of UTF-8, as the protocol allows. */
  refuse(req: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => ws.terminate());
      ws.close(code, Buffer.from(reason).subarray(0, 123).toString());
      // A client that never answers the close must not hold the socket.
      setTimeout(() => ws.terminate(), 2000).unref();
    });
  }
}
