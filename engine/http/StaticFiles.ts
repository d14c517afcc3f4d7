// Serves the built browser pages (dist/stage-ui) read-only, with no way out of the root directory.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { sendError } from './sendJson.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.bin': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.hdr': 'application/octet-stream',
  '.ico': 'image/x-icon',
};

export class StaticFiles {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Serves `relativePath` (already URL-decoded) under the root; 404 for anything missing or outside it. */
  async serve(res: ServerResponse, relativePath: string, method = 'GET'): Promise<void> {
    if (relativePath.includes('\0')) return sendError(res, 400, 'VP_ERR_BAD_PATH', 'malformed path');
    const file = path.resolve(this.root, '.' + path.posix.normalize('/' + relativePath));
    if (file !== this.root && !file.startsWith(this.root + path.sep)) return sendError(res, 404, 'VP_ERR_NOT_FOUND', 'not found');
    let info;
    try {
      info = await stat(file);
    } catch {
      return sendError(res, 404, 'VP_ERR_NOT_FOUND', `no file ${relativePath}`);
    }
    if (!info.isFile()) return sendError(res, 404, 'VP_ERR_NOT_FOUND', `no file ${relativePath}`);
    const ext = path.extname(file).toLowerCase();
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'content-length': info.size,
      // Vite puts a content hash in asset names: those never change; pages must be re-read.
      'cache-control': relativePath.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (method === 'HEAD') return void res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }
}
