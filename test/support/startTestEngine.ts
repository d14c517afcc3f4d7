// Starts a real engine on free ports (port 0) for integration tests, with fixed role tokens and a silent logger.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSystemClock } from '../../camera-bridge/EngineClock.ts';
import { RoleTokens, type Role } from '../../engine/auth/RoleTokens.ts';
import { EngineConfigSchema, type EngineConfig } from '../../engine/config/EngineConfig.ts';
import { Engine, type EngineOptions, type EnginePorts } from '../../engine/Engine.ts';
import { createSilentLogger } from '../../engine/log/createLogger.ts';
import { demoStage } from '../../engine/stage/demoStage.ts';
import type { Stage } from '../../engine/stage/Stage.ts';

export const TEST_TOKENS: Record<Role, string> = {
  director: 'director-token-1',
  operator: 'operator-token-1',
  designer: 'designer-token-1',
  viewer: 'viewer-token-1',
  render: 'render-token-1',
};

export interface TestEngine {
  engine: Engine;
  ports: EnginePorts;
  /** `http://127.0.0.1:<port><path>`, with `?token=` for the role if given. */
  url(pathname: string, role?: Role): string;
  getJson(pathname: string, role?: Role): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startTestEngine(
  overrides: Partial<EngineConfig> = {},
  stage: Stage = demoStage(),
  extra: Pick<EngineOptions, 'scenesDir' | 'sceneAssetsDir' | 'suggestionSource' | 'takeRecordsFile'> = {},
): Promise<TestEngine> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-test-'));
  const config = EngineConfigSchema.parse({ httpPort: 0, oscPort: 0, freedPort: 0, otioPort: 0, simulate: false, dataDir, ...overrides });
  const tokens = RoleTokens.parse(Object.entries(TEST_TOKENS).map(([r, t]) => `${r}=${t}`).join(','));
  const engine = new Engine({ ...extra, config, stage, tokens, log: createSilentLogger(), clock: createSystemClock() });
  const ports = await engine.start();
  const url = (pathname: string, role?: Role) => {
    const u = new URL(pathname, `http://127.0.0.1:${ports.http}`);
    if (role) u.searchParams.set('token', TEST_TOKENS[role]);
    return u.toString();
  };
  return {
    engine,
    ports,
    url,
    async getJson(pathname, role) {
      const res = await fetch(url(pathname, role));
      return { status: res.status, body: await res.json() };
    },
    async close() {
      await engine.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 2000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
