// A real engine process with TLS (a certificate made here with openssl): https and wss with the same tokens; and its
// log, verbose, never carries a token however requests send one.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEngineProcess, type EngineProcess } from '../support/engineProcess.ts';

const TOKENS = { director: 'tls-director-token', viewer: 'tls-viewer-token-1', operator: 'tls-operator-token' };
let dir = '';
let engine: EngineProcess;
let ca: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vantage-tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  ca = execFileSync('cat', [cert]);
  engine = await startEngineProcess({
    VP_DATA_DIR: path.join(dir, 'data'),
    VP_TLS_CERT: cert,
    VP_TLS_KEY: key,
    VP_VERBOSE: '1',
    VP_AI_THREAD: 'main',
    VP_TOKENS: Object.entries(TOKENS).map(([r, t]) => `${r}=${t}`).join(','),
  });
}, 90_000);

afterAll(async () => {
  await engine?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get({ host: '127.0.0.1', port: engine.ports.http, path: pathAndQuery, ca, headers }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('TLS', () => {
  it('serves https and wss on the one port with the same tokens, and prints https join links', async () => {
    expect(engine.output()).toContain(`https://127.0.0.1:${engine.ports.http}/api/health`);
    expect(engine.output()).toContain(`wss://127.0.0.1:${engine.ports.http}/ingest`);
    const health = await get('/api/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body).http.tls).toBe(true);
    expect((await get('/api/state', { authorization: `Bearer ${TOKENS.viewer}` })).status).toBe(200);
    expect((await get('/api/state')).status).toBe(401);
    const hello = await new Promise<{ type: string; role: string }>((resolve, reject) => {
      const ws = new WebSocket(`wss://127.0.0.1:${engine.ports.http}/live`, ['vantage', `vantage-token.${TOKENS.viewer}`], { ca });
      ws.once('message', (d) => {
        resolve(JSON.parse(d.toString()));
        ws.close();
      });
      ws.once('error', reject);
    });
    expect(hello).toMatchObject({ type: 'hello', role: 'viewer' });
  });

  it('never writes a token to its log, whichever way a request carries one', async () => {
    await get(`/api/state?token=${TOKENS.viewer}`);
    await get(`/api/audit?token=${TOKENS.director}&type=bogus`);
    await get('/api/state', { authorization: `Bearer ${TOKENS.operator}` });
    await get('/api/state?token=a-wrong-token-123');
    await get(`/nope?token=${TOKENS.viewer}`);
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(`wss://127.0.0.1:${engine.ports.http}/live?token=${TOKENS.director}`, { ca, headers: { origin: 'http://evil.example' } });
      ws.on('close', () => resolve());
      ws.on('error', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 300));
    // The banner prints the join links (that is how tokens are handed out); the log lines after it must not.
    const logLines = engine
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.some((l) => l.includes('foreign origin'))).toBe(true);
    for (const line of logLines) for (const token of [...Object.values(TOKENS), 'a-wrong-token-123']) expect(line).not.toContain(token);
  });
});
