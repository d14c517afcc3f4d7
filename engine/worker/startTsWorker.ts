// Starts a worker thread on a TypeScript (or JavaScript) module, passing it `data` as `workerData.data`.
import { Worker } from 'node:worker_threads';

const BOOT = new URL('./tsWorkerBoot.mjs', import.meta.url);

/** `entry`: the module's file URL (`new URL('./x.ts', import.meta.url)`). The worker reads `workerData.data`. */
export function startTsWorker(entry: URL, data: unknown, name: string): Worker {
  return new Worker(BOOT, { workerData: { entry: entry.href, data }, name });
}
