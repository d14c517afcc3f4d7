// Worker entry that can run a TypeScript module: Node 20 workers do not inherit tsx's loader from the main thread,
// so a .ts entry registers tsx in this thread first. Plain JavaScript because it runs before any loader exists.
import { workerData } from 'node:worker_threads';

const { entry } = workerData;
if (entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(entry);
