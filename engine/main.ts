// `npm start`: the embedded default — engine, demo camera simulator, join URLs — with clean shutdown on SIGINT/SIGTERM.
import { createSystemClock } from '../camera-bridge/EngineClock.ts';
import { feedHub } from '../camera-bridge/simulator/feedHub.ts';
import { Simulator } from '../camera-bridge/simulator/Simulator.ts';
import { ROLES, RoleTokens } from './auth/RoleTokens.ts';
import { checkDataDir } from './config/checkDataDir.ts';
import { ConfigError, engineUsage, loadEngineConfig } from './config/EngineConfig.ts';
import { loadStage } from './config/loadStageFile.ts';
import { readTls } from './config/readTls.ts';
import { ensureUiBuilt } from './http/ensureUiBuilt.ts';
import { Engine } from './Engine.ts';
import { createLogger } from './log/createLogger.ts';

/** What `npm start` shows when VP_SCENE is unset. */
const START_SCENE = 'city-rooftop-dusk';

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(engineUsage());
    return;
  }
  let config;
  let tokens;
  let stage;
  try {
    config = loadEngineConfig(process.argv.slice(2), process.env);
    tokens = RoleTokens.parse(config.tokens);
    stage = await loadStage(config.stage);
    // The model loader (and its worker thread) read the variable: a --tf-backend flag reaches them through it.
    if (config.tfBackend) process.env.VP_TF_BACKEND = config.tfBackend;
    checkDataDir(config.dataDir); // a read-only or full disk stops us here, not at the first decision it would lose
    readTls(config); // a missing or unreadable certificate is a config error, before anything starts
  } catch (err) {
    if (err instanceof ConfigError || err instanceof Error) {
      process.stderr.write(`vantage: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger({ verbose: config.verbose });
  const clock = createSystemClock();
  await ensureUiBuilt(log);
  // The embedded default opens on one of the real sets; VP_SCENE=demo keeps the procedural plaza.
  const engine = new Engine({ config: { ...config, scene: config.scene ?? START_SCENE }, stage, tokens, log, clock });

  let ports;
  try {
    ports = await engine.start();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    process.stderr.write(`vantage: could not start: ${e.code === 'EADDRINUSE' ? `port in use (${e.message}); set VP_HTTP_PORT etc. or use 0 for a free port` : e.message}\n`);
    process.exit(1);
  }

  let simulator: Simulator | undefined;
  if (config.simulate) {
    // The demo stage's two operators: A on a dolly, B handheld.
    simulator = new Simulator({ cameras: 2, rateHz: 120, style: 'handheld', styles: ['dolly', 'handheld'], cameraIdPrefix: 'sim-cam', noiseM: 0.0005, send: feedHub(engine.hub) });
    simulator.start();
  }

  const base = `${config.tlsCert ? 'https' : 'http'}://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${ports.http}`;
  const lines = [
    '',
    `  Vantage ${config.simulate ? '(with two simulated cameras: VP_SIMULATE=0 turns them off)' : ''}`,
    `  health      ${base}/api/health`,
    ...ROLES.filter((role) => role !== 'render').map((role) => `  ${role.padEnd(11)} ${base}/?token=${tokens.tokenFor(role)}`),
    ...stage.walls.map((w) => `  ${`wall ${w.id}`.padEnd(11)} ${base}/wall/${encodeURIComponent(w.id)}?token=${tokens.tokenFor('render')}&scale=0.25`),
    `  tracking in OSC udp:${ports.osc}  FreeD udp:${ports.freed}  OpenTrackIO udp:${ports.opentrackio}  WebSocket ${base.replace('http', 'ws')}/ingest?token=${tokens.tokenFor('operator')}`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    simulator?.stop();
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    await engine.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

void main();
