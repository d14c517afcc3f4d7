// A real engine process (npm start's entry point, engine/main.ts) on free loopback ports, for fault, soak and
// security tests: its ports are read from the banner it prints, its output is kept for assertions.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitFor } from './startTestEngine.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface EngineProcess {
  child: ChildProcess;
  ports: { http: number; osc: number; freed: number; opentrackio: number };
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** `http://127.0.0.1:<port><path>` with `?token=` (or `&token=`) of `token` when given. */
  url(pathAndQuery: string, token?: string): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | NodeJS.Signals | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * `node --import tsx engine/main.ts` with `env` over loopback defaults (free ports, simulator off; the AI on its
 * default worker unless `VP_AI_THREAD` says otherwise). node runs the engine itself: the tsx CLI would run it in a
 * grandchild that signals do not reach.
 */
export async function startEngineProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<EngineProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'engine/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      VP_HOST: '127.0.0.1',
      VP_HTTP_PORT: '0',
      VP_OSC_PORT: '0',
      VP_FREED_PORT: '0',
      VP_OTIO_PORT: '0',
      VP_SIMULATE: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  let gone = false;
  void exited.then(() => (gone = true));
  const banner = await waitFor(
    () => {
      if (gone) throw new Error(`engine process exited before it was up: ${out.slice(-800)}`);
      const http = /health\s+https?:\/\/[^:]+:(\d+)\/api\/health/.exec(out)?.[1];
      const udp = /OSC udp:(\d+)\s+FreeD udp:(\d+)\s+OpenTrackIO udp:(\d+)/.exec(out);
      return http && udp ? { http: Number(http), osc: Number(udp[1]), freed: Number(udp[2]), opentrackio: Number(udp[3]) } : undefined;
    },
    timeoutMs,
    'engine process up',
  );
  return {
    child,
    ports: banner,
    output: () => out,
    url: (p, token) => `http://127.0.0.1:${banner.http}${p}${token ? `${p.includes('?') ? '&' : '?'}token=${token}` : ''}`,
    exited,
    async stop(graceMs = 5000) {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
