// `npm start` on a fresh clone: build the browser pages once if dist/stage-ui is missing (vite, offline, a second or two).
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log/createLogger.ts';
import { DEFAULT_UI_DIR } from '../Engine.ts';

export async function ensureUiBuilt(log: Logger, uiDir = DEFAULT_UI_DIR): Promise<void> {
  if (existsSync(path.join(uiDir, 'index.html')) && existsSync(path.join(uiDir, 'wall', 'index.html'))) return;
  log.info({ uiDir }, 'building the browser pages (first start)');
  const { build } = await import('vite');
  await build({ configFile: path.resolve(import.meta.dirname, '..', '..', 'vite.config.ts'), logLevel: 'warn' });
}
