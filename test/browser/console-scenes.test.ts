// The Scenes panel's points editor in real headless Chromium against the real engine, on a temporary copy of the
// scene files: a designer previews a scene, moves its first point of interest and saves it (the file on disk changes
// and keeps a .bak); a viewer gets no Save button. VP_SCREENSHOTS=1 also writes the panel's picture into docs/.
import { cp, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VantageConsoleStatus } from '../../stage-ui/console/state/exposeStatus.ts';
import { launchBrowser } from '../support/browser.ts';
import { connectLive } from '../support/liveClient.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';

const REPO = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(REPO, 'docs', 'screenshots');
const screenshots = process.env.VP_SCREENSHOTS === '1';

let te: TestEngine;
let scenesDir: string;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  scenesDir = await mkdtemp(path.join(tmpdir(), 'vantage-console-scenes-'));
  await cp(path.join(REPO, 'scenes'), scenesDir, { recursive: true });
  te = await startTestEngine({}, undefined, { scenesDir, sceneAssetsDir: path.join(REPO, 'assets', 'scenes') });
  browser = await launchBrowser();
});
afterEach(async () => {
  for (const p of pages.splice(0)) await p.close().catch(() => {});
});
afterAll(async () => {
  await browser?.close();
  await te?.close();
  await rm(scenesDir, { recursive: true, force: true });
});

async function status(page: Page): Promise<VantageConsoleStatus> {
  return page.evaluate(() => (window as unknown as { vantageConsole: VantageConsoleStatus }).vantageConsole);
}

async function openConsole(role: 'designer' | 'viewer', width = 1600, height = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  pages.push(page);
  await page.goto(te.url('/', role));
  await waitFor(async () => (await status(page).catch(() => undefined))?.connection.state === 'open', 15000, 'console connected');
  return page;
}

describe('scenes panel: points editor', () => {
  it('a designer previews desert-road, moves its first point of interest and saves it to disk with a .bak', async () => {
    const file = path.join(scenesDir, 'desert-road.json');
    const before = JSON.parse(await readFile(file, 'utf8'));
    const page = await openConsole('designer', screenshots ? 1920 : 1600, screenshots ? 1080 : 900);
    await expect.poll(() => page.getByTestId('scenes-panel').isVisible()).toBe(true);
    // The demo scene is on the walls: its points cannot be edited.
    await expect.poll(() => page.getByTestId('points-demo').textContent(), { timeout: 10000 }).toMatch(/built-in demo scene cannot be edited/);
    await expect.poll(() => page.getByTestId('scene-desert-road').count(), { timeout: 10000 }).toBe(1);
    await page.getByTestId('scene-desert-road').getByTestId('scene-preview').click();
    await waitFor(async () => (await status(page)).stageMode === 'scene-preview', 2000, 'scene preview');

    const first = page.getByTestId('poi-0');
    await expect.poll(() => first.getByTestId('pt-name').inputValue(), { timeout: 5000 }).toBe(before.pointsOfInterest[0].name);
    expect(await first.getByTestId('pt-x').inputValue()).toBe(Number(before.pointsOfInterest[0].position[0]).toFixed(2));
    expect(await page.getByTestId('points-save').isDisabled()).toBe(true);
    await first.getByTestId('pt-x').fill('2.75');
    await page.getByTestId('points-save').click();
    await expect.poll(() => page.getByTestId('points-result').textContent(), { timeout: 5000 }).toMatch(/saved desert-road/);

    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.pointsOfInterest[0].position).toEqual([2.75, before.pointsOfInterest[0].position[1], before.pointsOfInterest[0].position[2]]);
    expect(saved.pointsOfInterest.length).toBe(before.pointsOfInterest.length);
    expect(saved.cameraMarks).toEqual(before.cameraMarks);
    expect(saved.assets).toEqual(before.assets);
    expect((await stat(file + '.bak')).isFile()).toBe(true);
    const backup = JSON.parse(await readFile(file + '.bak', 'utf8'));
    expect(backup.pointsOfInterest[0].position[0]).toBe(before.pointsOfInterest[0].position[0]);

    if (screenshots) {
      await mkdir(SHOTS, { recursive: true });
      // The info toast lasts 2 s; then show the editor from its title.
      await page.waitForTimeout(2300);
      await page.getByTestId('points-title').scrollIntoViewIfNeeded();
      await page.getByTestId('points-title').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: path.join(SHOTS, 'console-designer-points-1920x1080.png') });
    }
  });

  it('a viewer sees no points editor and no Save button', async () => {
    const page = await openConsole('viewer');
    // The first hello picks the role's own tab: click until the scenes tab stays open.
    await waitFor(async () => {
      if (await page.getByTestId('scenes-panel').isVisible()) return true;
      await page.getByTestId('tab-scenes').click({ timeout: 500 }).catch(() => {});
      return false;
    }, 10000, 'scenes tab open');
    await expect.poll(() => page.getByTestId('scene-desert-road').count(), { timeout: 10000 }).toBe(1);
    expect(await page.getByTestId('points-editor').count()).toBe(0);
    expect(await page.getByTestId('points-save').count()).toBe(0);
  });
  it("an open console follows a live scene switch: the new scene's labels, none of the old", async () => {
    const page = await openConsole('designer');
    const before = await page.locator('.labels3d [data-testid^="poi-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    const director = await connectLive(te.url('/live', 'director'));
    const desert = JSON.parse(await readFile(path.join(scenesDir, 'desert-road.json'), 'utf8')) as { pointsOfInterest: { id: string; name: string }[] };
    expect((await director.command('scene.load', { sceneId: 'desert-road' })).ok).toBe(true);
    const want = desert.pointsOfInterest.map((p) => `poi-${p.id}`).sort();
    // Only the stage view's labels: the designer's points editor (open once the scene is an editable one) has poi-
    // rows too. The page also compiles the new scene on software GL meanwhile: allow for a slow box, and say what the
    // labels were if they never come.
    let seen = '';
    await waitFor(
      async () => (seen = JSON.stringify((await page.locator('.labels3d [data-testid^="poi-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).sort())) === JSON.stringify(want),
      40000,
      "the console's labels becoming desert-road's",
    ).catch((err: Error) => {
      throw new Error(`${err.message}; the labels were ${seen}, wanted ${JSON.stringify(want)}`);
    });
    expect(want.some((id) => before.includes(id))).toBe(false);
    for (const p of desert.pointsOfInterest) expect(await page.getByTestId(`poi-${p.id}`).textContent()).toContain(p.name.slice(0, 10));
    expect((await director.command('scene.load', { sceneId: 'demo' })).ok).toBe(true);
    director.close();
  }, 60_000);

});
