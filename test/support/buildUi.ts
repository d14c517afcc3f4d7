// vitest globalSetup: builds the browser pages once per test run, so browser tests serve exactly what `npm start` serves.
import { build } from 'vite';

export default async function buildUi(): Promise<void> {
  // vitest sets NODE_ENV=test; build what `npm start` serves (React's production build).
  process.env.NODE_ENV = 'production';
  await build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
}
