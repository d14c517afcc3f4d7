// The engine's HTTP route table: public pages and scene files, token-guarded API, and the two WebSocket upgrades.
import path from 'node:path';
import type { IngestEndpoint } from '../../camera-bridge/websocket/IngestEndpoint.ts';
import type { AuditLog } from '../audit/AuditLog.ts';
import { ROLES } from '../auth/RoleTokens.ts';
import type { HttpServer } from '../http/HttpServer.ts';
import { sendError, sendJson } from '../http/sendJson.ts';
import { StaticFiles } from '../http/StaticFiles.ts';
import type { LiveServer } from '../live/LiveServer.ts';
import { AuditQuerySchema } from '../protocol/audit.ts';
import { framingBalance } from '../protocol/framingBalance.ts';
import type { EngineHealthWire } from '../protocol/health.ts';
import type { SceneControl } from './SceneControl.ts';
import type { TakeControl } from './TakeControl.ts';
import { registerTakeRoutes } from './takeRoutes.ts';

export interface HttpRouteDeps {
  /** Built browser pages (vite output). */
  uiDir: string;
  sceneAssetsDir: string;
  audit: AuditLog;
  scenes: SceneControl;
  live: LiveServer;
  ingest: IngestEndpoint;
  health: () => EngineHealthWire;
  state: () => object;
  takes: TakeControl;
}

export function registerHttpRoutes(http: HttpServer, deps: HttpRouteDeps): void {
  const pages = new StaticFiles(deps.uiDir);
  const sceneAssets = new StaticFiles(deps.sceneAssetsDir);
  http.get('/api/health', { handle: ({ res }) => sendJson(res, 200, deps.health()) });
  http.get('/api/state', { roles: ROLES, handle: ({ res }) => sendJson(res, 200, deps.state()) });
  // Pages carry no data (everything comes over /live with a token), so they are public.
  http.get('/', { handle: ({ req, res }) => pages.serve(res, 'index.html', req.method) });
  http.get('/wall/:wallId', { handle: ({ req, res }) => pages.serve(res, 'wall/index.html', req.method) });
  http.get('/api/audit', {
    roles: ROLES,
    handle: ({ res, url }) => {
      const q = AuditQuerySchema.safeParse(Object.fromEntries([...url.searchParams.entries()].filter(([k]) => k !== 'token')));
      if (!q.success) return sendError(res, 400, 'VP_ERR_BAD_QUERY', `${q.error.issues[0]!.path.join('.')}: ${q.error.issues[0]!.message}`);
      sendJson(res, 200, { records: deps.audit.query(q.data) });
    },
  });
  // Fair framing over the whole record: who the AI frames, and whom directors accept moves onto.
  http.get('/api/audit/framing', { roles: ROLES, handle: ({ res }) => sendJson(res, 200, framingBalance(deps.audit.query({ limit: Number.MAX_SAFE_INTEGER }))) });
  registerTakeRoutes(http, deps.takes);
  http.get('/api/scenes', { roles: ROLES, handle: ({ res }) => sendJson(res, 200, { current: deps.scenes.current, scenes: deps.scenes.list() }) });
  // Scene files and assets are public like the pages: walls fetch them without their token.
  http.get('/scenes/:file', {
    handle: ({ res, params }) => {
      const id = /^([a-z0-9-]{1,40})\.json$/.exec(params.file ?? '')?.[1];
      const manifest = id ? deps.scenes.library?.get(id) : undefined;
      if (!manifest) return sendError(res, 404, 'VP_ERR_NOT_FOUND', `no valid scene ${params.file}`);
      sendJson(res, 200, manifest);
    },
  });
  http.get('/assets/scenes/*', { handle: ({ req, res, params }) => sceneAssets.serve(res, params.rest ?? '', req.method) });
  http.get('/favicon.ico', { handle: ({ res }) => void res.writeHead(204).end() });
  http.get('/assets/*', { handle: ({ req, res, params }) => pages.serve(res, `assets/${params.rest}`, req.method) });
  http.upgrade({ path: '/ingest', roles: ['operator', 'director'], handle: (req, socket, head, role) => deps.ingest.handleUpgrade(req, socket, head, role) });
  http.upgrade({ path: '/live', roles: ROLES, handle: (req, socket, head, role) => deps.live.handleUpgrade(req, socket, head, role) });
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
/** Built browser pages (vite output) by default. */
export const DEFAULT_UI_DIR = path.join(REPO_ROOT, 'dist', 'stage-ui');
