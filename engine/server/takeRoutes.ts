// REST for takes: the list, one take (manifest, decisions, frame summary), and its exports for post.
import { z } from 'zod';
import type { HttpServer } from '../http/HttpServer.ts';
import { sendError, sendJson } from '../http/sendJson.ts';
import { ROLES } from '../protocol/roles.ts';
import { exportTake, TAKE_EXPORT_FORMATS } from '../takes/export/exportTake.ts';
import type { TakeControl } from './TakeControl.ts';

const ExportQuery = z.strictObject({ format: z.enum(TAKE_EXPORT_FORMATS), camera: z.string().min(1).max(140).optional(), token: z.string().optional() });

export function registerTakeRoutes(http: HttpServer, takes: TakeControl): void {
  http.get('/api/takes', { roles: ROLES, handle: async ({ res }) => sendJson(res, 200, { recording: takes.recorder.current?.id ?? null, takes: await takes.store.list() }) });
  http.get('/api/takes/:id', {
    roles: ROLES,
    handle: async ({ res, params }) => {
      const take = await takes.store.read(params.id ?? '').catch((err: Error) => err);
      if (take instanceof Error) return sendError(res, 404, 'VP_ERR_UNKNOWN_TAKE', take.message);
      const cameras = [...new Set(take.frames.flatMap((f) => f.cameras.map((c) => c.id)))];
      // Decisions with the take frame they happened at (the recorder stamps each with the frame on the walls).
      const markers = take.audit.map(({ takeFrame, ...a }) => ({ ...a, frame: takeFrame ?? null }));
      sendJson(res, 200, { manifest: take.manifest, cameras, frames: take.frames.length, audit: markers });
    },
  });
  http.get('/api/takes/:id/export', {
    roles: ROLES,
    handle: async ({ res, params, url }) => {
      const q = ExportQuery.safeParse(Object.fromEntries(url.searchParams.entries()));
      if (!q.success) return sendError(res, 400, 'VP_ERR_BAD_QUERY', `format must be one of ${TAKE_EXPORT_FORMATS.join(', ')}`);
      const take = await takes.store.read(params.id ?? '').catch((err: Error) => err);
      if (take instanceof Error) return sendError(res, 404, 'VP_ERR_UNKNOWN_TAKE', take.message);
      const cameraId = q.data.camera ?? take.frames[0]?.activeCameraId ?? take.frames[0]?.cameras[0]?.id;
      if (!cameraId || !take.frames.some((f) => f.cameras.some((c) => c.id === cameraId))) return sendError(res, 404, 'VP_ERR_UNKNOWN_CAMERA', `no camera ${cameraId ?? ''} in take ${take.manifest.id}`);
      const out = exportTake(q.data.format, take.manifest, take.frames, cameraId);
      res.writeHead(200, {
        'content-type': out.contentType,
        'content-disposition': `attachment; filename="${take.manifest.id}-${cameraId.replace(/[^A-Za-z0-9_-]/g, '_')}${out.fileExtension}"`,
      });
      res.end(typeof out.body === 'string' ? out.body : Buffer.from(out.body));
    },
  });
}
