// `npm run simulate` as a user runs it against a real engine: it takes the engine's VP_*_PORT variables, the rate the
// engine reports is poses per second (an OSC bundle's pose and lens messages are one sample), and a refused token is
// one clear line, not a stack trace.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/engineProcess.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';

const run = promisify(execFile);
let te: TestEngine;

beforeAll(async () => {
  te = await startTestEngine();
});
afterAll(async () => {
  await te?.close();
});

interface SourceHealth {
  sourceId: string;
  rateHz: number;
  accepted: number;
}

describe('npm run simulate', () => {
  it('sends to VP_OSC_PORT, and 100 Hz of pose + lens bundles reads as about 100 Hz, not 200', async () => {
    const sim = run('npx', ['tsx', 'camera-bridge/simulator/cli.ts', '--protocol', 'osc', '--rate', '100', '--cameras', '1', '--duration', '3'], { cwd: ROOT, env: { ...process.env, VP_OSC_PORT: String(te.ports.osc) } });
    // Sample the rate while it streams (it is 0 once the source goes quiet).
    let best: SourceHealth | undefined;
    await waitFor(
      () => {
        const s = (te.engine.health().sources as unknown as SourceHealth[]).find((x) => x.sourceId.startsWith('osc:'));
        if (s && s.accepted > 150) best = s;
        return best;
      },
      20_000,
      'the simulated OSC camera streaming',
    );
    const { stdout } = await sim;
    expect(stdout).toContain(`to 127.0.0.1:${te.ports.osc}`);
    // Two messages per sample: a rate counting messages would be ~200. Timer slop on a busy box only lowers it.
    expect(best!.rateHz).toBeGreaterThan(50);
    expect(best!.rateHz).toBeLessThan(130);
  }, 60_000);

  it('over ws with a wrong token says so in one line and exits non-zero', async () => {
    const err = await run('npx', ['tsx', 'camera-bridge/simulator/cli.ts', '--protocol', 'ws', '--token', 'wrong-token-123', '--duration', '1'], { cwd: ROOT, env: { ...process.env, VP_HTTP_PORT: String(te.ports.http) } }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err!.stderr).toContain('/ingest refused: HTTP 401 (is the operator token right?)');
    expect(err!.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);
});
