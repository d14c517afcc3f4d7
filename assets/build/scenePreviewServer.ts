// A vite dev server for the scene preview page (assets/build/preview/): serves the validated scene files as the engine
// will (`GET /scenes/<id>.json`, defaults filled in) and their assets (`GET /assets/scenes/<file>`), no engine needed.
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { createServer, type Plugin } from 'vite';
import { parseSceneManifest } from '../../engine/protocol/SceneManifest.ts';

const PROJECT_DIR = resolve(import.meta.dirname, '../..');
const CONTENT_TYPES: Record<string, string> = { '.glb': 'model/gltf-binary', '.gltf': 'model/gltf+json', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.hdr': 'application/octet-stream' };

export interface ScenePreviewServer {
  /** `http://127.0.0.1:<port>/`; open `?scene=<id>[&mark=<id>][&w=&h=]`. */
  url: string;
  close(): Promise<void>;
}

/** Starts the preview server on a free port (127.0.0.1). */
export async function startScenePreviewServer(projectDir = PROJECT_DIR): Promise<ScenePreviewServer> {
  const server = await createServer({
    configFile: false,
    root: join(PROJECT_DIR, 'assets/build/preview'),
    cacheDir: join(tmpdir(), 'vantage-scene-preview-vite'),
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, strictPort: false, fs: { allow: [PROJECT_DIR, projectDir] } },
    plugins: [sceneFiles(projectDir)],
  });
  await server.listen();
  const { port } = server.httpServer!.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

function sceneFiles(projectDir: string): Plugin {
  return {
    name: 'vantage-scene-files',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
        try {
          const scene = /^\/scenes\/([a-z0-9-]{1,40})\.json$/.exec(path);
          if (scene) {
            const file = `scenes/${scene[1]}.json`;
            const manifest = parseSceneManifest(JSON.parse(await readFile(join(projectDir, file), 'utf8')), file);
            res.setHeader('content-type', 'application/json');
            res.end(JSON.stringify(manifest));
            return;
          }
          const asset = /^\/assets\/scenes\/([A-Za-z0-9._/-]+)$/.exec(path);
          if (asset && !asset[1]!.split('/').includes('..')) {
            const bytes = await readFile(join(projectDir, 'assets/scenes', asset[1]!));
            res.setHeader('content-type', CONTENT_TYPES[extname(path)] ?? 'application/octet-stream');
            res.setHeader('content-length', String(bytes.byteLength));
            res.end(bytes);
            return;
          }
        } catch (err) {
          res.statusCode = 404;
          res.end(String(err));
          return;
        }
        next();
      });
    },
  };
}
