// `npm start` as a user runs it, stopped the way a process manager stops it: SIGTERM to the npm process reaches the
// engine (npm's script runs it directly, no grandchild), which shuts down and frees its ports. Also `--help`.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/engineProcess.ts';
import { waitFor } from '../support/startTestEngine.ts';

let dataDir = '';
let group: number | undefined;
afterAll(async () => {
  // Whatever happened, nothing of the run outlives the test: its whole process group goes.
  if (group) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

describe('npm start', () => {
  it('SIGTERM to the npm process stops the engine and frees its ports', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-npm-start-'));
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: { ...process.env, VP_HOST: '127.0.0.1', VP_HTTP_PORT: '0', VP_OSC_PORT: '0', VP_FREED_PORT: '0', VP_OTIO_PORT: '0', VP_SIMULATE: '0', VP_AI_THREAD: 'main', VP_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    group = npm.pid;
    let out = '';
    npm.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    npm.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | string | null>((resolve) => npm.once('exit', (code, signal) => resolve(code ?? signal)));
    const port = Number(await waitFor(() => /health\s+https?:\/\/[^:]+:(\d+)\/api\/health/.exec(out)?.[1], 90_000, `npm start up (output: ${out.slice(-300)})`));
    expect(await listening(port)).toBe(true);
    npm.kill('SIGTERM');
    // npm passes the signal on and ends as its script did (or by the same signal).
    expect([0, 'SIGTERM']).toContain(await exited);
    await waitFor(async () => !(await listening(port)), 10_000, 'the HTTP port freed');
    await waitFor(() => out.includes('shutting down'), 5000, "the engine's own shutdown");
  }, 120_000);

  it('--help prints the options and exits', async () => {
    const { stdout } = await promisify(execFile)('npm', ['start', '--silent', '--', '--help'], { cwd: ROOT });
    expect(stdout).toContain('Usage: npm start -- [flags]');
    expect(stdout).toContain('--http-port');
    expect(stdout).toContain('VP_ALLOWED_ORIGINS');
  });
});
