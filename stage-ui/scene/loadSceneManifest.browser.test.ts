// The scene loader in real headless Chromium (software WebGL2): each demo scene loads through GLTFLoader with its
// textures, lights and sky, renders without errors and is not a blank frame.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../../test/support/browser.ts';
import { pixelStats } from '../../test/support/pixels.ts';
import { startScenePreviewServer, type ScenePreviewServer } from '../../assets/build/scenePreviewServer.ts';

let server: ScenePreviewServer;
let browser: Browser;

describe.skipIf(!chromiumAvailable())('loadSceneManifest in Chromium', () => {
  beforeAll(async () => {
    server = await startScenePreviewServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(['city-rooftop-dusk', 'desert-road', 'studio-talk-show'])('renders %s from the stage camera', async (id) => {
    const page = await browser.newPage({ viewport: { width: 480, height: 270 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}?scene=${id}&w=480&h=270`);
    await page.waitForFunction(() => {
      const s = (window as unknown as { vantagePreview?: { ready: boolean; error?: string } }).vantagePreview;
      return s && (s.ready || s.error);
    }, undefined, { timeout: 60_000, polling: 200 });
    const status = await page.evaluate(() => (window as unknown as { vantagePreview: { error?: string; drawCalls: number; progress: { loadedItems: number; totalItems: number } } }).vantagePreview);
    expect(status.error).toBeUndefined();
    expect(status.drawCalls).toBeGreaterThan(5);
    expect(status.progress.loadedItems).toBe(status.progress.totalItems);
    expect(pixelStats(await page.screenshot()).lumaStdDev).toBeGreaterThan(10);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
