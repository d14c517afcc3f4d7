// Each tracking protocol round-trips a known pose over a real socket into the running engine's hub and /api/state.
import { encode, Message } from 'node-osc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { encodeFreeD } from '../../camera-bridge/freed/index.ts';
import { encodeOpenTrackIoPackets } from '../../camera-bridge/opentrackio/index.ts';
import { rotateVec3 } from '../../camera-bridge/math/quaternion.ts';
import type { Quat } from '../../camera-bridge/CameraSample.ts';
import { startTestEngine, TEST_TOKENS, waitFor, type TestEngine } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

let te: TestEngine;
let udp: UdpClient;

beforeAll(async () => {
  te = await startTestEngine();
  udp = createUdpClient();
});
afterAll(async () => {
  await udp.close();
  await te.close();
});

const f = (value: number) => ({ type: 'float', value });
const view = (q: Quat) => rotateVec3(q, [0, 0, -1], [0, 0, 0]);

async function cameraFromState(id: string): Promise<any> {
  return waitFor(async () => (await te.getJson('/api/state', 'viewer')).body.cameras.find((c: any) => c.cameraId === id), 2000, `camera ${id} in /api/state`);
}

describe('tracking protocols into a running engine', () => {
  it('OSC /camera/{id}/pose + /lens arrive in /api/state', async () => {
    await udp.send(encode(new Message('/camera/osc-a/lens', f(35), f(24.89))), te.ports.osc);
    // A rig streams its pose; a single datagram would go stale after 100 ms on a busy test machine.
    const pose = encode(new Message('/camera/osc-a/pose', ...[1.25, 1.5, 3, 0, Math.SQRT1_2, 0, Math.SQRT1_2].map(f)));
    await udp.send(pose, te.ports.osc);
    const streaming = setInterval(() => void udp.send(pose, te.ports.osc), 20);
    const cam = await cameraFromState('osc-a').finally(() => clearInterval(streaming));
    expect(cam.sourceId).toBe('osc:osc-a');
    expect(cam.position[0]).toBeCloseTo(1.25, 5);
    expect(cam.position[1]).toBeCloseTo(1.5, 5);
    expect(cam.position[2]).toBeCloseTo(3, 5);
    expect(cam.rotation[1]).toBeCloseTo(Math.SQRT1_2, 5);
    expect(cam.lens.focalLengthMm).toBeCloseTo(35, 4);
    expect(cam.stale).toBe(false);
  });

  it('FreeD D1 arrives as freed-{n} in the engine frame', async () => {
    // Z-up X=1 m, Y=2 m (forward), Z=1.5 m (up); pan 90 = turned right.
    const packet = encodeFreeD({ cameraNumber: 3, panDeg: 90, tiltDeg: 0, rollDeg: 0, xMm: 1000, yMm: 2000, zMm: 1500, zoomRaw: 0, focusRaw: 0 });
    await udp.send(packet, te.ports.freed);
    const cam = await cameraFromState('freed-3');
    expect(cam.position[0]).toBeCloseTo(1, 4);
    expect(cam.position[1]).toBeCloseTo(1.5, 4);
    expect(cam.position[2]).toBeCloseTo(-2, 4);
    const v = view(cam.rotation);
    expect(v[0]).toBeCloseTo(1, 4); // looking along engine +X
    expect(cam.lens.focalLengthMm).toBeGreaterThan(0); // from the default lens table
  });

  it('OpenTrackIO arrives as otio-{sourceNumber} in the engine frame', async () => {
    const packets = encodeOpenTrackIoPackets(
      {
        protocol: { name: 'OpenTrackIO', version: [1, 0, 1] },
        sourceNumber: 4,
        transforms: [{ translation: { x: -1, y: 3, z: 2 }, rotation: { pan: 0, tilt: 30, roll: 0 } }],
        lens: { pinholeFocalLength: 50, focusDistance: 4, fStop: 2.8 },
        static: { camera: { activeSensorPhysicalDimensions: { width: 36, height: 24 } } },
      },
      { sequenceNumber: 1 },
    );
    for (const p of packets) await udp.send(p, te.ports.opentrackio);
    const cam = await cameraFromState('otio-4');
    expect(cam.position[0]).toBeCloseTo(-1, 5);
    expect(cam.position[1]).toBeCloseTo(2, 5);
    expect(cam.position[2]).toBeCloseTo(-3, 5);
    const v = view(cam.rotation);
    expect(v[1]).toBeCloseTo(0.5, 5); // tilted up 30 degrees
    expect(cam.lens).toMatchObject({ focalLengthMm: 50, sensorWidthMm: 36, focusM: 4 });
  });

  it('WebSocket /ingest takes JSON, answers bad frames with an error and stays connected', async () => {
    const ws = new WebSocket(te.url('/ingest', 'operator').replace('http', 'ws'));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const errors: any[] = [];
    ws.on('message', (data) => errors.push(JSON.parse(data.toString())));
    ws.send('{not json');
    ws.send(JSON.stringify({ type: 'camera', id: 'ws-a', position: [0, 0, 0], rotation: [0, 0, 0, 2] }));
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    ws.send(JSON.stringify({ type: 'camera', id: 'ws-a', position: [0.5, 1.7, 4], rotation: [0, 0, 0, 1], lens: { focalLengthMm: 24, sensorWidthMm: 36 } }));
    const cam = await cameraFromState('ws-a');
    expect(cam.position).toEqual([0.5, 1.7, 4]);
    await waitFor(() => errors.length === 3, 1000, 'three error replies');
    expect(errors.map((e) => e.code)).toEqual(['VP_ERR_BAD_JSON', 'VP_ERR_NOT_UNIT_QUATERNION', 'VP_ERR_BAD_JSON']);
    expect(errors.every((e) => e.type === 'error' && typeof e.reason === 'string')).toBe(true);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('refuses /ingest without an operator token', async () => {
    for (const [token, status] of [['', 401], [TEST_TOKENS.viewer, 403]] as const) {
      const ws = new WebSocket(`ws://127.0.0.1:${te.ports.http}/ingest${token ? `?token=${token}` : ''}`);
      const code = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)).once('error', () => resolve(-1)));
      expect(code).toBe(status);
    }
  });

  it('/api/health lists sources with rate, latency, rejections and stale flags, and needs no token', async () => {
    await udp.send(Buffer.from('garbage!'), te.ports.osc);
    const health = await waitFor(async () => {
      const { body } = await te.getJson('/api/health');
      return body.receivers.find((r: any) => r.protocol === 'osc').rejected > 0 && body;
    });
    expect(health.status).toMatch(/ok|degraded/);
    expect(health.ports).toEqual(te.ports);
    const osc = health.sources.find((s: any) => s.sourceId === 'osc:osc-a');
    expect(osc).toMatchObject({ protocol: 'osc', cameraId: 'osc-a', latencyOffsetMs: 0 });
    expect(osc.filter).toMatchObject({ enabled: true, position: { minCutoffHz: expect.any(Number) }, rotation: { beta: expect.any(Number) } });
    expect(typeof osc.rateHz).toBe('number');
    expect(typeof osc.jitterMs).toBe('number');
    // Nothing has been sent for a while: every source is stale by now (100 ms timeout).
    await new Promise((r) => setTimeout(r, 150));
    const later = (await te.getJson('/api/health')).body;
    expect(later.sources.every((s: any) => s.stale === true)).toBe(true);
    expect(later.receivers.find((r: any) => r.protocol === 'osc').rejectedByReason.VP_ERR_MALFORMED).toBeGreaterThanOrEqual(1);
  });

  it('/api/state needs a token', async () => {
    expect((await te.getJson('/api/state')).status).toBe(401);
    expect((await te.getJson('/api/state?token=wrong')).status).toBe(401);
  });
});
