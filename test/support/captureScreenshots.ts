// `npm run screenshots`: starts the embedded demo (engine + two simulated cameras on the rooftop) on free ports and saves what each page
// shows a person into docs/screenshots/, for the README and for us to look at.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createSystemClock } from '../../camera-bridge/EngineClock.ts';
import { feedHub } from '../../camera-bridge/simulator/feedHub.ts';
import { Simulator } from '../../camera-bridge/simulator/Simulator.ts';
import { RoleTokens } from '../../engine/auth/RoleTokens.ts';
import { EngineConfigSchema } from '../../engine/config/EngineConfig.ts';
import { Engine } from '../../engine/Engine.ts';
import { ensureUiBuilt } from '../../engine/http/ensureUiBuilt.ts';
import { createSilentLogger } from '../../engine/log/createLogger.ts';
import { demoStage } from '../../engine/stage/demoStage.ts';
import { launchBrowser } from './browser.ts';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const log = createSilentLogger();
  await ensureUiBuilt(log);
  const tokens = RoleTokens.parse('director=shot-director,render=shot-render1');
  // What `npm start` shows: the city rooftop, two operators (A on a dolly, B handheld).
  const config = EngineConfigSchema.parse({ httpPort: 0, oscPort: 0, freedPort: 0, otioPort: 0, simulate: true, scene: 'city-rooftop-dusk' });
  const engine = new Engine({ config, stage: demoStage(), tokens, log, clock: createSystemClock() });
  const ports = await engine.start();
  const sim = new Simulator({ cameras: 2, rateHz: 120, style: 'handheld', styles: ['dolly', 'handheld'], cameraIdPrefix: 'sim-cam', send: feedHub(engine.hub) });
  sim.start();
  const base = `http://127.0.0.1:${ports.http}`;
  const browser = await launchBrowser();
  try {
    const shots: [string, string, number, number][] = [
      ['wall-main.png', `/wall/main?token=shot-render1&scale=0.25`, 1920, 440],
      ['wall-main-border.png', `/wall/main?token=shot-render1&scale=0.25&border=0.04`, 1920, 440],
      ['wall-main-identify.png', `/wall/main?token=shot-render1&scale=0.25&identify=1`, 1920, 440],
      ['wall-ceiling.png', `/wall/ceiling?token=shot-render1&scale=0.5`, 768, 576],
      ['console-demo-1920x1080.png', `/?token=shot-director`, 1920, 1080],
      ['console-demo-1280x800.png', `/?token=shot-director`, 1280, 800],
    ];
    for (const [file, url, width, height] of shots) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(base + url);
      await page.waitForTimeout(file.startsWith('console') ? 8000 : 5000);
      await page.screenshot({ path: path.join(OUT, file) });
      await page.close();
      console.log(`saved docs/screenshots/${file}`);
    }
  } finally {
    await browser.close();
    sim.stop();
    await engine.stop();
  }
}

void main();
