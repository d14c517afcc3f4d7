// The engine's one HTTP server: routes GET requests and WebSocket upgrades, checks role tokens and browser origins at
// the door, and sends every response with the security headers.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { tokenOfRequest, type Role, type RoleTokens } from '../auth/RoleTokens.ts';
import type { Logger } from '../log/createLogger.ts';
import { isOriginAllowed } from './originPolicy.ts';
import { SECURITY_HEADERS } from './securityHeaders.ts';
import { sendError } from './sendJson.ts';
import { WebSocketRefuser } from './WebSocketRefuser.ts';

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

export interface HttpServerOptions {
  /** Browser origins besides the engine's own allowed to open WebSockets (VP_ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  /** PEM certificate and key: https and wss instead of http and ws. */
  tls?: { cert: Buffer; key: Buffer };
  /** A request's headers must arrive within this, ms (slow-loris). */
  headersTimeoutMs?: number;
}

/** A token was given but is none of this engine's (mistyped, from another engine, or rotated). */
export const BAD_TOKEN_TEXT = "this link's token is not valid for this engine (it may have been replaced): ask the operator for a new join link";
export const MISSING_TOKEN_TEXT = 'a role token is required (Authorization: Bearer, or ?token= in a join link)';

export class HttpServer {
  private readonly server: http.Server;
  private readonly routes: { pattern: RegExp; keys: string[]; route: Route }[] = [];
  private readonly upgrades = new Map<string, UpgradeRoute>();
  private readonly refuser = new WebSocketRefuser();
  private readonly allowedOrigins: readonly string[];
  readonly tls: boolean;
  /** Upgrades refused for their Origin, since start. */
  refusedOrigins = 0;

  constructor(
    private readonly tokens: RoleTokens,
    private readonly log: Logger,
    options: HttpServerOptions = {},
  ) {
    this.allowedOrigins = options.allowedOrigins ?? [];
    this.tls = options.tls !== undefined;
    const headersTimeoutMs = options.headersTimeoutMs ?? 10_000;
    // Slow-loris guard: headers must arrive promptly, and the check runs often enough to enforce it.
    const serverOptions = { headersTimeout: headersTimeoutMs, requestTimeout: Math.max(30_000, headersTimeoutMs), connectionsCheckingInterval: Math.min(1000, headersTimeoutMs) };
    const onRequest = (req: IncomingMessage, res: ServerResponse) => void this.onRequest(req, res);
    this.server = options.tls ? https.createServer({ ...serverOptions, ...options.tls }, onRequest) : http.createServer(serverOptions, onRequest);
    this.server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    this.server.on('clientError', (_err, socket) => socket.destroy());
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
    for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
    try {
      // Every route is a GET: a body is never read, so it is refused rather than left to pile up.
      if (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined) {
        res.setHeader('connection', 'close');
        return sendError(res, 413, 'VP_ERR_BODY', 'requests here carry no body');
      }
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
          if (!role && tokenOfRequest(req, url) !== undefined) return sendError(res, 401, 'VP_ERR_BAD_TOKEN', BAD_TOKEN_TEXT);
          if (!role) return sendError(res, 401, 'VP_ERR_UNAUTHORIZED', MISSING_TOKEN_TEXT);
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
    // Cross-site WebSocket hijacking: a page elsewhere must not ride a token a browser holds. Browsers always send
    // Origin; tools (simulators, trackers) send none and are judged by their token alone.
    const origin = req.headers.origin;
    if (origin !== undefined && !isOriginAllowed(origin, req.headers.host, this.tls, this.allowedOrigins)) {
      this.refusedOrigins++;
      this.log.warn({ origin, path: url.pathname }, 'WebSocket from a foreign origin refused (VP_ALLOWED_ORIGINS adds one)');
      return this.refuser.refuse(req, socket, head, 1008, `origin ${origin.slice(0, 60)} is not allowed (VP_ALLOWED_ORIGINS)`);
    }
    const role = this.tokens.roleOfRequest(req, url);
    // A browser page cannot read an HTTP refusal of its WebSocket: it gets a close code and a reason to show instead.
    const browser = origin !== undefined;
    if (!role) {
      const given = tokenOfRequest(req, url) !== undefined;
      if (!browser) return refuseUpgrade(socket, 401, 'Unauthorized');
      return this.refuser.refuse(req, socket, head, 4401, given ? BAD_TOKEN_TEXT : MISSING_TOKEN_TEXT);
    }
    if (!route.roles.includes(role)) {
      if (!browser) return refuseUpgrade(socket, 403, 'Forbidden');
      return this.refuser.refuse(req, socket, head, 4403, `the ${role} role may not open ${url.pathname}`);
    }
    route.handle(req, socket, head, role);
  }
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
