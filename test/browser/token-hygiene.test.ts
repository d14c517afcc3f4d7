// A join link's token in real Chromium: gone from the address bar once the page loads (kept in the tab's session
// storage), sent in a subprotocol and a header, surviving a reload; and the pages run under the engine's
// Content-Security-Policy without a single violation.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../support/browser.ts';
import { startTestEngine, TEST_TOKENS, waitFor, type TestEngine } from '../support/startTestEngine.ts';

let te: TestEngine;
let browser: Browser;

beforeAll(async () => {
  te = await startTestEngine();
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await te?.close();
});

/** A page that records CSP violations and the URLs it requested. */
async function open(url: string, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; violations: string[]; requested: string[] }> {
  const page = await browser.newPage({ viewport });
  const violations: string[] = [];
  const requested: string[] = [];
  page.on('console', (m) => /Content Security Policy|Refused to/.test(m.text()) && violations.push(m.text()));
  page.on('request', (r) => requested.push(r.url()));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to (CSP) ${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto(url);
  return { page, violations, requested };
}

describe.skipIf(!chromiumAvailable())('the role token in the browser', () => {
  it('the console moves the token out of the URL, connects with it, keeps it over a reload, and breaks no CSP rule', async () => {
    const { page, violations, requested } = await open(te.url('/', 'director'));
    const state = () => page.evaluate(() => (window as unknown as { vantageConsole?: { connection: { state: string }; frame: number } }).vantageConsole);
    await waitFor(async () => (await state())?.connection.state === 'open' && (await state())!.frame > 0, 20_000, 'console connected');
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate(() => sessionStorage.getItem('vantage.token'))).toBe(TEST_TOKENS.director);
    // Let the panels fetch what they fetch (scenes, audit, takes): none of those requests carries the token in its URL.
    await page.waitForTimeout(1500);
    expect(requested.filter((u) => u.includes(TEST_TOKENS.director))).toEqual([te.url('/', 'director')]);
    await page.reload();
    await waitFor(async () => (await state())?.connection.state === 'open' && (await state())!.frame > 0, 20_000, 'console connected after a reload');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('a wall page does the same, and a foreign page cannot use the token the tab holds', async () => {
    const { page, violations } = await open(te.url('/wall/main?scale=0.05', 'render'), { width: 384, height: 88 });
    const frame = () => page.evaluate(() => (window as unknown as { vantageWall?: { frame: number } }).vantageWall?.frame ?? -1);
    await waitFor(async () => (await frame()) > 0, 20_000, 'wall drawing');
    expect(page.url()).not.toContain('token');
    expect(new URL(page.url()).searchParams.get('scale')).toBe('0.05');
    expect(violations).toEqual([]);
    // A page on another origin (another port of this host) opening /live with the render token is refused, with a
    // reason its script can read.
    const site = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>evil</title>'));
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', () => r()));
    const evil = await browser.newPage();
    await evil.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    const closed = await evil.evaluate(
      ([port, token]) =>
        new Promise<{ code: number; reason: string }>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/live`, ['vantage', `vantage-token.${token}`]);
          ws.onclose = (e) => resolve({ code: e.code, reason: e.reason });
        }),
      [te.ports.http, TEST_TOKENS.render] as const,
    );
    expect(closed.code).toBe(1008);
    expect(closed.reason).toContain('is not allowed');
    await evil.close();
    site.close();
    await page.close();
  });
});
