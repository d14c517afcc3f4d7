// The operator's tracking panel with dead rigs beside a live one (a first day on set left five): the live source
// comes first, stale ones after it, and those silent past the fold time fold away under one line; their labels in
// the stage view do not cover each other, and the operator can remove them (a viewer cannot).
import { encode, Message } from 'node-osc';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../support/browser.ts';
import { connectLive } from '../support/liveClient.ts';
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

  it("keeps the rigs' labels apart: three cameras at one spot read as a column", async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(`http://127.0.0.1:${te.ports.http}/?token=${TEST_TOKENS.viewer}`);
    const ids = ['rig-a-dead-1', 'rig-a-dead-2', 'rig-z-live'];
    const boxes = async () => Promise.all(ids.map(async (id) => (await page.getByTestId(id).isVisible()) ? page.getByTestId(id).boundingBox() : null));
    await waitFor(async () => (await boxes()).every((b) => b !== null), 20_000, 'the three rig labels');
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    const placed = (await boxes()).map((b) => b!);
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) {
        const [a, b] = [placed[i]!, placed[j]!];
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap, `${ids[i]} ${JSON.stringify(a)} and ${ids[j]} ${JSON.stringify(b)}`).toBe(false);
      }
    }
    await page.screenshot({ path: 'test-output/stage-labels-apart.png' });
    await page.close();
  });

  it('an operator removes a dead source from its card and the rest at once; a live one and a viewer are refused', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(`http://127.0.0.1:${te.ports.http}/?token=${TEST_TOKENS.operator}&foldStaleS=3600`);
    const dead1 = page.getByTestId('source-osc:a-dead-1');
    await waitFor(async () => (await dead1.count()) === 1, 20_000, 'the dead source card');
    // Only stale cards offer it. Read in one go, at a moment the live rig's card is live (a loaded box can delay its
    // sender past the stale timeout, and then it is rightly stale).
    const cards = () => page.locator('[data-testid^="source-osc:"]').evaluateAll((els) => els.map((e) => ({ stale: e.getAttribute('data-stale'), remove: e.querySelector('[data-testid="source-remove"]') !== null })));
    const snapshot = await waitFor(async () => ((c) => (c.some((x) => x.stale === 'false') ? c : undefined))(await cards()), 10_000, 'a live card');
    for (const c of snapshot) expect(c.remove).toBe(c.stale === 'true');
    await dead1.getByTestId('source-remove').click();
    await waitFor(async () => (await dead1.count()) === 0 && (await page.getByTestId('rig-a-dead-1').count()) === 0, 10_000, 'the card and the rig gone');
    const health = (await te.getJson('/api/health')).body as { sources: { sourceId: string }[] };
    expect(health.sources.map((x) => x.sourceId).sort()).toEqual(['osc:a-dead-2', 'osc:z-live']);
    const audit = (await te.getJson('/api/audit?type=source', 'viewer')).body.records as { type: string; actor: { role?: string }; data: unknown }[];
    expect(audit).toEqual([expect.objectContaining({ type: 'source.removed', actor: expect.objectContaining({ kind: 'human', role: 'operator' }), data: { sourceId: 'osc:a-dead-1', cameraId: 'a-dead-1', cameraRemoved: true } })]);

    // Over the wire: a live source is refused, and a viewer may not remove anything.
    const operator = await connectLive(te.url('/live', 'operator'));
    for (let i = 0; i < 3; i++) await udp.send(pose('z-live'), te.ports.osc); // fresh, whatever the test process's timer did
    expect(await operator.command('source.remove', { sourceId: 'osc:z-live' })).toMatchObject({ ok: false, error: expect.stringMatching(/^VP_ERR_SOURCE_LIVE: osc:z-live sent a sample \d+ ms ago/) });
    await operator.close();
    const viewer = await connectLive(te.url('/live', 'viewer'));
    expect(await viewer.command('source.remove', { sourceId: 'osc:a-dead-2' })).toMatchObject({ ok: false, error: expect.stringMatching(/^VP_ERR_FORBIDDEN/) });
    await viewer.close();

    // Folded ones go together.
    await page.goto(`http://127.0.0.1:${te.ports.http}/?token=${TEST_TOKENS.operator}&foldStaleS=1`);
    await waitFor(async () => (await page.getByTestId('folded-remove-all').count()) === 1, 20_000, 'Remove all');
    await page.getByTestId('folded-remove-all').click();
    await waitFor(async () => (await page.getByTestId('folded-sources').count()) === 0, 10_000, 'the fold gone');
    expect(((await te.getJson('/api/health')).body as { sources: { sourceId: string }[] }).sources.map((x) => x.sourceId)).toEqual(['osc:z-live']);
    await page.close();
  });
});
