// Screenshots every demo scene in headless Chromium (software WebGL2) through the real browser loader, from the stage
// camera at (0, 1.6, 4) looking -Z (40° vertical field of view) into docs/screenshots/scene-<id>.png; --marks also
// shoots each camera mark into test-output/scenes/. No engine needed: a vite dev server serves the preview page,
// the validated scene files (as the engine serves them) and the assets (scenePreviewServer.ts).
// Usage: tsx assets/build/screenshotScenes.ts [--marks] [--size 1280x720] [scene-id …]
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSceneManifest } from '../../engine/protocol/SceneManifest.ts';
import { launchBrowser } from '../../test/support/browser.ts';
import { PROJECT_DIR } from './buildSceneAssets.ts';
import { startScenePreviewServer } from './scenePreviewServer.ts';

async function main(argv: string[]): Promise<number> {
  const marks = argv.includes('--marks');
  const sizeArg = argv[argv.indexOf('--size') + 1];
  const [w, h] = argv.includes('--size') && sizeArg ? sizeArg.split('x').map(Number) : [1280, 720];
  const named = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--size');
  const ids = named.length > 0 ? named : (await readdir(join(PROJECT_DIR, 'scenes'))).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

  const server = await startScenePreviewServer();
  const browser = await launchBrowser();
  let failures = 0;
  try {
    await mkdir(join(PROJECT_DIR, 'docs/screenshots'), { recursive: true });
    await mkdir(join(PROJECT_DIR, 'test-output/scenes'), { recursive: true });
    for (const id of ids) {
      const file = `scenes/${id}.json`;
      const manifest = parseSceneManifest(JSON.parse(await readFile(join(PROJECT_DIR, file), 'utf8')), file);
      const shots = [{ mark: undefined as string | undefined, out: join(PROJECT_DIR, `docs/screenshots/scene-${id}.png`) }];
      if (marks) for (const m of manifest.cameraMarks) shots.push({ mark: m.id, out: join(PROJECT_DIR, `test-output/scenes/scene-${id}-${m.id}.png`) });
      for (const shot of shots) {
        const page = await browser.newPage({ viewport: { width: w!, height: h! } });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        const started = Date.now();
        await page.goto(`${server.url}?scene=${id}&w=${w}&h=${h}${shot.mark ? `&mark=${shot.mark}` : ''}`);
        await page.waitForFunction(() => {
          const s = (window as unknown as { vantagePreview?: { ready: boolean; error?: string } }).vantagePreview;
          return s && (s.ready || s.error);
        }, undefined, { timeout: 180_000, polling: 250 });
        const status = await page.evaluate(() => (window as unknown as { vantagePreview: { error?: string; drawCalls?: number; triangles?: number } }).vantagePreview);
        if (status.error) {
          console.error(`${id}${shot.mark ? ` (${shot.mark})` : ''}: ${status.error}`);
          failures++;
        } else {
          await writeFile(shot.out, await page.screenshot());
          console.log(`${id}${shot.mark ? ` mark ${shot.mark}` : ''}: ${status.drawCalls} draw calls, ${status.triangles} triangles in view, ${Date.now() - started} ms → ${shot.out.slice(PROJECT_DIR.length + 1)}`);
        }
        for (const e of errors) console.error(`  ${e}`);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return failures > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
