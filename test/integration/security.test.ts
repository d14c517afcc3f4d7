// Each security rule, tried the way an attacker on the stage network would: a page from another origin, a wrong or
// revoked token, a command flood, a slow-loris, path traversal, oversized frames, a stranger's UDP.
import net from 'node:net';
import { encode, Message } from 'node-osc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AckMessage, ServerMessage } from '../../engine/protocol/LiveMessages.ts';
import { connectLive } from '../support/liveClient.ts';
import { startTestEngine, TEST_TOKENS, waitFor, type TestEngine } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

let te: TestEngine;
let udp: UdpClient;

beforeAll(async () => {
  te = await startTestEngine({ allowedOrigins: ['https://console.example:8443'], httpHeadersTimeoutMs: 500, commandRateHz: 20 });
  udp = await createUdpClient();
});
afterAll(async () => {
  await udp?.close();
  await te?.close();
});

/** Opens /live with these headers and subprotocols; resolves with the first message or the close code and reason. */
function openLive(query: string, headers: Record<string, string> = {}, protocols: string[] = []): Promise<{ hello?: ServerMessage; close?: { code: number; reason: string }; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${te.ports.http}/live${query}`, protocols, { headers, perMessageDeflate: false });
    ws.once('message', (d) => {
      resolve({ hello: JSON.parse(d.toString()) as ServerMessage });
      ws.close();
    });
    ws.once('close', (code, reason) => resolve({ close: { code, reason: reason.toString() } }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.on('error', () => undefined);
  });
}

const host = () => `127.0.0.1:${te.ports.http}`;

describe('who may open a WebSocket', () => {
  it('refuses a page from a foreign origin even with a valid token, with a close reason; its own origin and an allowed one pass', async () => {
    const foreign = await openLive(`?token=${TEST_TOKENS.director}`, { origin: 'http://evil.example' });
    expect(foreign.hello).toBeUndefined();
    expect(foreign.close?.code).toBe(1008);
    expect(foreign.close?.reason).toContain('origin http://evil.example is not allowed');
    // Same host, other scheme or port: another origin too.
    expect((await openLive(`?token=${TEST_TOKENS.director}`, { origin: `https://${host()}` })).close?.code).toBe(1008);
    expect((await openLive(`?token=${TEST_TOKENS.director}`, { origin: 'http://127.0.0.1:1' })).close?.code).toBe(1008);
    expect((await openLive(`?token=${TEST_TOKENS.director}`, { origin: 'null' })).close?.code).toBe(1008);
    expect((await openLive(`?token=${TEST_TOKENS.director}`, { origin: `http://${host()}` })).hello?.type).toBe('hello');
    expect((await openLive(`?token=${TEST_TOKENS.director}`, { origin: 'https://console.example:8443' })).hello?.type).toBe('hello');
    // A tool (no Origin) is judged by its token.
    expect((await openLive(`?token=${TEST_TOKENS.director}`)).hello?.type).toBe('hello');
    const ingest = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${te.ports.http}/ingest?token=${TEST_TOKENS.operator}`, { headers: { origin: 'http://evil.example' } });
      ws.once('close', (code) => resolve(code));
      ws.on('error', () => undefined);
    });
    expect(ingest).toBe(1008);
    expect(te.engine.health().http.refusedOrigins).toBeGreaterThanOrEqual(5);
  });

  it('takes the token from a subprotocol and never echoes it; refuses a wrong one', async () => {
    const ok = await openLive('', {}, ['vantage', `vantage-token.${TEST_TOKENS.viewer}`]);
    expect(ok.hello).toMatchObject({ type: 'hello', role: 'viewer' });
    const protocol = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${te.ports.http}/live`, ['vantage', `vantage-token.${TEST_TOKENS.viewer}`]);
      ws.once('open', () => {
        resolve(ws.protocol);
        ws.close();
      });
    });
    expect(protocol).toBe('vantage');
    expect((await openLive('', {}, ['vantage', 'vantage-token.not-a-token-at-all'])).status).toBe(401);
    expect((await openLive('?token=wrong-token-123')).status).toBe(401);
  });
});

describe('tokens', () => {
  it('a director rotates the viewer token: viewers are closed (4401), the old token stops working, the new one works', async () => {
    const director = await connectLive(te.url('/live', 'director'));
    const viewer = new WebSocket(te.url('/live', 'viewer').replace('http', 'ws'));
    await new Promise((r) => viewer.once('message', r));
    const closed = new Promise<{ code: number; reason: string }>((resolve) => viewer.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    const ack = (await director.command('auth.rotate', { role: 'viewer' })) as AckMessage & { result: { token: string; closedConnections: number } };
    expect(ack.ok).toBe(true);
    expect(ack.result.token).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(ack.result.token).not.toBe(TEST_TOKENS.viewer);
    expect(ack.result.closedConnections).toBeGreaterThanOrEqual(1);
    const { code, reason } = await closed;
    expect(code).toBe(4401);
    expect(reason).toContain('viewer token was replaced');
    expect((await openLive(`?token=${TEST_TOKENS.viewer}`)).status).toBe(401);
    expect((await fetch(te.url('/api/state', 'viewer'))).status).toBe(401);
    expect((await openLive(`?token=${ack.result.token}`)).hello).toMatchObject({ role: 'viewer' });
    // Only a director may rotate.
    const operator = await connectLive(te.url('/live', 'operator'));
    expect((await operator.command('auth.rotate', { role: 'director' })).ok).toBe(false);
    director.close();
    operator.close();
  });
});

describe('floods and malformed traffic', () => {
  it('refuses commands beyond the rate with a clear error, keeps the connection, and takes them again after a pause', async () => {
    const c = await connectLive(te.url('/live', 'operator'));
    const acks = await Promise.all(Array.from({ length: 120 }, () => c.command('camera.select', { cameraId: 'nobody' })));
    const limited = acks.filter((a) => a.error?.startsWith('VP_ERR_RATE_LIMIT'));
    // The burst (2 × 20) passes, most of the rest is refused; refused ones name the limit.
    expect(limited.length).toBeGreaterThan(60);
    expect(limited[0]!.error).toContain('more than 20 commands a second');
    await new Promise((r) => setTimeout(r, 1200));
    const later = await c.command('camera.select', { cameraId: 'nobody' });
    expect(later.error ?? '').not.toContain('RATE_LIMIT');
    c.close();
  });

  it('closes a slow-loris connection whose headers never finish', async () => {
    const socket = net.connect(te.ports.http, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 100);
    let closed = false;
    socket.on('close', () => (closed = true));
    socket.on('error', () => undefined);
    await waitFor(() => closed, 10_000, 'the server closing the slow connection');
    clearInterval(drip);
    expect(closed).toBe(true);
  });

  it('never serves a file outside the page and asset roots', async () => {
    for (const p of ['/assets/../../package.json', '/assets/%2e%2e/%2e%2e/package.json', '/assets/scenes/..%2f..%2f..%2fpackage.json', '/assets/%2e%2e%5c%2e%2e%5cpackage.json', '/assets/..%00/package.json']) {
      const res = await fetch(`http://127.0.0.1:${te.ports.http}${p}`);
      const body = await res.text();
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(body, p).not.toContain('"devDependencies"');
    }
  });

  it('never lets a take id climb out of the takes folder (take.play, /api/takes)', async () => {
    const director = await connectLive(te.url('/live', 'director'));
    for (const takeId of ['../../package', '..', 'a/../../b', '%2e%2e']) {
      const ack = await director.command('take.play', { takeId });
      expect(ack.ok, takeId).toBe(false);
      expect(ack.error, takeId).toMatch(/^VP_ERR_/);
    }
    director.close();
    for (const p of ['/api/takes/..%2F..%2Fpackage', '/api/takes/..%2F..%2Fpackage/export?format=csv']) {
      const res = await fetch(te.url(p, 'director'));
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.status, p).toBeLessThan(500);
      expect(await res.text(), p).not.toContain('"devDependencies"');
    }
  });

  it('closes a socket that sends an oversized frame (1009), and the engine serves the next client', async () => {
    // (The viewer token was rotated above: the designer's is still good.)
    const ws = new WebSocket(te.url('/live', 'designer').replace('http', 'ws'));
    ws.on('error', () => undefined);
    await new Promise((r) => ws.once('message', r));
    const code = new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    ws.send('x'.repeat(2 * 1024 * 1024));
    expect(await code).toBe(1009);
    expect((await openLive(`?token=${TEST_TOKENS.designer}`)).hello?.type).toBe('hello');
  });

  it('refuses a request body (413) and sends the security headers on every response', async () => {
    const res = await fetch(`http://127.0.0.1:${te.ports.http}/api/health`, { method: 'GET', headers: { 'content-length': '5' }, body: undefined });
    // fetch drops a GET body: send one over a raw socket instead.
    void res.body?.cancel();
    const raw = await new Promise<string>((resolve) => {
      const s = net.connect(te.ports.http, '127.0.0.1', () => s.write('GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello'));
      let out = '';
      s.on('data', (d) => (out += d.toString()));
      s.on('close', () => resolve(out));
      s.on('error', () => resolve(out));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 413/);
    for (const p of ['/', '/api/health', '/wall/main', '/nope']) {
      const r = await fetch(`http://127.0.0.1:${te.ports.http}${p}`);
      void r.body?.cancel();
      expect(r.headers.get('content-security-policy'), p).toContain("frame-ancestors 'none'");
      expect(r.headers.get('content-security-policy'), p).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(r.headers.get('referrer-policy'), p).toBe('no-referrer');
      expect(r.headers.get('x-frame-options'), p).toBe('DENY');
    }
  });
});

describe('UDP sender allowlist', () => {
  it('counts and drops datagrams from outside the allowlist, and takes them from inside', async () => {
    const closed = await startTestEngine({ oscAllow: ['10.0.0.0/8'] });
    const open = await startTestEngine({ oscAllow: ['127.0.0.0/8', 'fd00::/8'] });
    try {
      const pose = Buffer.from(encode(new Message('/camera/udp-allow/pose', 0.5, 1.6, 3, 0, 0, 0, 1)));
      for (let i = 0; i < 20; i++) {
        await udp.send(pose, closed.ports.osc);
        await udp.send(pose, open.ports.osc);
      }
      const stats = (e: TestEngine) => (e.engine.health().receivers as { protocol: string; datagrams: number; rejectedByReason: Record<string, number> }[]).find((r) => r.protocol === 'osc')!;
      await waitFor(() => stats(closed).datagrams >= 20 && stats(open).datagrams >= 20, 5000, 'the datagrams at both engines');
      expect(stats(closed).rejectedByReason.VP_ERR_SOURCE_NOT_ALLOWED).toBe(stats(closed).datagrams);
      expect(closed.engine.hub.cameraIds()).not.toContain('udp-allow');
      expect(stats(open).rejectedByReason.VP_ERR_SOURCE_NOT_ALLOWED ?? 0).toBe(0);
      await waitFor(() => open.engine.hub.cameraIds().includes('udp-allow'), 5000, 'the allowed camera');
    } finally {
      await closed.close();
      await open.close();
    }
  });
});
