// The engine's one HTTP server: routes GET requests and WebSocket upgrades, checks role tokens at the door.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Role, RoleTokens } from '../auth/RoleTokens.ts';
import type { Logger } from '../log/createLogger.ts';
import { sendError } from './sendJson.ts';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Path parameters from `:name` segments. */
  params: Record<string, string>;
  role: Role | undefined;
}

export interface Route {
  path: string;
  /** undefined = public (only /api/health and static pages that carry no data). */
  roles?: readonly Role[];
  handle(ctx: RouteContext): void | Promise<void>;
}

export interface UpgradeRoute {
  path: string;
  roles: readonly Role[];
  handle(req: IncomingMessage, socket: Duplex, head: Buffer, role: Role): void;
}

export class HttpServer {
  private readonly server: http.Server;
  private readonly routes: { pattern: RegExp; keys: string[]; route: Route }[] = [];
  private readonly upgrades = new Map<string, UpgradeRoute>();

  constructor(
    private readonly tokens: RoleTokens,
    private readonly log: Logger,
  ) {
    this.server = http.createServer((req, res) => void this.onRequest(req, res));
    this.server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    this.server.on('clientError', (_err, socket) => socket.destroy());
    // Slow-loris guard: headers must arrive promptly.
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 30_000;
  }

  get(path: string, route: Omit<Route, 'path'>): void {
    const keys: string[] = [];
    // `:name` matches one segment; a trailing `*` matches the rest of the path as `rest`.
    const pattern = new RegExp(
      '^' +
        path
          .replace(/:[A-Za-z]+/g, (m) => {
            keys.push(m.slice(1));
            return '([^/]+)';
          })
          .replace(/\*$/, () => {
            keys.push('rest');
            return '(.*)';
          }) +
        '$',
    );
    this.routes.push({ pattern, keys, route: { path, ...route } });
  }

  upgrade(route: UpgradeRoute): void {
    this.upgrades.set(route.path, route);
  }

  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        return sendError(res, 405, 'VP_ERR_METHOD', `${req.method} is not allowed here`);
      }
      for (const { pattern, keys, route } of this.routes) {
        const m = pattern.exec(url.pathname);
        if (!m) continue;
        let params: Record<string, string>;
        try {
          params = Object.fromEntries(keys.map((k, i) => [k, decodeURIComponent(m[i + 1]!)]));
        } catch {
          return sendError(res, 400, 'VP_ERR_BAD_PATH', 'malformed percent-encoding in the path');
        }
        const role = this.tokens.roleOfRequest(req, url);
        if (route.roles) {
          if (!role) return sendError(res, 401, 'VP_ERR_UNAUTHORIZED', 'a role token is required (?token= or Authorization: Bearer)');
          if (!route.roles.includes(role)) return sendError(res, 403, 'VP_ERR_FORBIDDEN', `role ${role} may not use ${route.path}`);
        }
        await route.handle({ req, res, url, params, role });
        return;
      }
      sendError(res, 404, 'VP_ERR_NOT_FOUND', `no route for ${url.pathname}`);
    } catch (err) {
      this.log.error({ err, path: url.pathname }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'VP_ERR_INTERNAL', 'internal error');
      else res.destroy();
    }
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = this.upgrades.get(url.pathname);
    if (!route) return refuseUpgrade(socket, 404, 'Not Found');
    const role = this.tokens.roleOfRequest(req, url);
    if (!role) return refuseUpgrade(socket, 401, 'Unauthorized');
    if (!route.roles.includes(role)) return refuseUpgrade(socket, 403, 'Forbidden');
    route.handle(req, socket, head, role);
  }
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
