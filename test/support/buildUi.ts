// vitest globalSetup: builds the browser pages once per test run, so browser tests serve exactly what `npm start` serves.
import { build } from 'vite';

export default async function buildUi(): Promise<void> {
  await build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}
