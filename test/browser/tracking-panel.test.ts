// The operator's tracking panel with dead rigs beside a live one (a first day on set left five): the live source
// comes first, stale ones after it, and those silent past the fold time fold away under one line.
import { encode, Message } from 'node-osc';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../support/browser.ts';
import { startTestEngine, TEST_TOKENS, waitFor, type TestEngine } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

let te: TestEngine;
let browser: Browser;
let udp: UdpClient;
let timer: ReturnType<typeof setInterval>;
const f = (value: number) => ({ type: 'float', value });
const pose = (id: string) => encode(new Message(`/camera/${id}/pose`, ...[0, 1.6, 3, 0, 0, 0, 1].map(f)));

beforeAll(async () => {
  te = await startTestEngine();
  browser = await launchBrowser();
  udp = createUdpClient();
  // Two rigs seen once and then never again (their ids sort before the live one), one streaming at 50 Hz.
  for (const id of ['a-dead-1', 'a-dead-2']) await udp.send(pose(id), te.ports.osc);
  timer = setInterval(() => void udp.send(pose('z-live'), te.ports.osc).catch(() => {}), 20);
}, 60_000);
afterAll(async () => {
  clearInterval(timer);
  await udp?.close();
  await browser?.close();
  await te?.close();
});

describe.skipIf(!chromiumAvailable())('tracking panel', () => {
  it('puts the live source first and folds sources silent past the fold time', async () => {
    await new Promise((r) => setTimeout(r, 1500)); // the dead ones: stale, and silent for over a second
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(`http://127.0.0.1:${te.ports.http}/?token=${TEST_TOKENS.operator}&foldStaleS=1`);
    await waitFor(async () => (await page.getByTestId('folded-sources').count()) === 1, 20_000, 'the folded stale sources');
    const visibleCards = await page.locator('[data-testid="tracking-health"] > [data-testid^="source-osc:"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(visibleCards).toEqual(['source-osc:z-live']);
    const folded = page.getByTestId('folded-sources');
    expect(await folded.locator('summary').textContent()).toContain('2 stale sources, silent for over 1 s');
    expect(await page.getByTestId('source-osc:a-dead-1').isVisible()).toBe(false);
    await folded.locator('summary').click();
    expect(await page.getByTestId('source-osc:a-dead-1').isVisible()).toBe(true);
    expect(await page.getByTestId('source-osc:a-dead-1').getAttribute('data-stale')).toBe('true');
    await page.screenshot({ path: 'test-output/tracking-panel-folded.png' });
    await page.close();
  });
});
