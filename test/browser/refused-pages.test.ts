// What a crew member sees when a join link cannot work, in real Chromium: a console with a wrong token, a wall page
// for a wall the stage does not have, and a console whose token was just replaced by the director: each says why on
// the page, instead of "connecting" forever.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../support/browser.ts';
import { connectLive } from '../support/liveClient.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';

let te: TestEngine;
let browser: Browser;
const SHOTS = 'test-output';

beforeAll(async () => {
  te = await startTestEngine();
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await te?.close();
});

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent({ timeout: 15_000 });

describe.skipIf(!chromiumAvailable())('pages the engine refuses', () => {
  it('a console with a wrong token says the link is not valid, and stops retrying', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`http://127.0.0.1:${te.ports.http}/?token=not-this-engines-token`);
    expect(await text(page, 'refused-reason')).toContain("this link's token is not valid for this engine");
    expect(await page.getByTestId('connection').getAttribute('data-state')).toBe('refused');
    expect(await text(page, 'connection')).toContain('Refused');
    await page.screenshot({ path: `${SHOTS}/console-wrong-token.png` });
    await page.close();
  });

  it('a wall page for an unknown wall names the walls there are', async () => {
    const page = await browser.newPage({ viewport: { width: 640, height: 200 } });
    await page.goto(te.url('/wall/nope?scale=0.05&debug=0', 'render'));
    await waitFor(async () => (await page.locator('#overlay').textContent())?.includes('no wall called'), 15_000, 'the refusal on the wall page');
    const overlay = (await page.locator('#overlay').textContent())!;
    expect(overlay).toContain('no wall called "nope" on this stage (walls: main, ceiling)');
    expect(await page.locator('#overlay').isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/wall-unknown.png` });
    await page.close();
  });

  it('an open console whose role token is replaced says so', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(te.url('/', 'viewer'));
    await waitFor(async () => (await page.getByTestId('connection').getAttribute('data-state')) === 'open', 15_000, 'console connected');
    const director = await connectLive(te.url('/live', 'director'));
    expect((await director.command('auth.rotate', { role: 'viewer' })).ok).toBe(true);
    expect(await text(page, 'refused-reason')).toContain('viewer token was replaced');
    director.close();
    await page.close();
  });

  it('REST tells a missing token from a wrong one', async () => {
    const none = await (await fetch(`http://127.0.0.1:${te.ports.http}/api/state`)).json();
    const wrong = await (await fetch(`http://127.0.0.1:${te.ports.http}/api/state?token=wrong-token-123`)).json();
    expect(none).toMatchObject({ error: { code: 'VP_ERR_UNAUTHORIZED' } });
    expect(JSON.stringify(none)).toContain('a role token is required');
    expect(wrong).toMatchObject({ error: { code: 'VP_ERR_BAD_TOKEN' } });
    expect(JSON.stringify(wrong)).toContain('not valid for this engine');
  });
});
