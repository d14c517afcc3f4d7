// A stage file's per-camera FreeD lens table, end to end: JSON on disk → loadStage → engine → real D1 datagrams →
// focal length (mm) and focus (m) in /api/state, and the raw encoder counts in /api/health for calibration.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FREED_LENS_TABLE, encodeFreeD, lookupLensCurve } from '../../camera-bridge/freed/index.ts';
import { loadStage } from '../../engine/config/loadStageFile.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

/** freed-1's calibration: a 12-bit-ish encoder that does not start at 0, as a Panasonic-style head sends. */
const LENS_TABLE = {
  sensorWidthMm: 9.59,
  zoom: [
    [0x1000, 10],
    [0x8000, 50],
    [0xf000, 100],
  ],
  focus: [
    [0x0200, 0.5],
    [0x1200, 2],
    [0xff00, 50],
  ],
};

const STAGE_JSON = {
  name: 'FreeD lens table stage',
  walls: [{ id: 'main', type: 'flat', corners: { bottomLeft: [-5, 0, -5], bottomRight: [5, 0, -5], topLeft: [-5, 4, -5] }, resolutionPx: [1024, 512] }],
  cameras: [
    { id: 'freed-1', sensorWidthMm: 9.59, sensorHeightMm: 5.39, freedLensTable: LENS_TABLE },
    // No table: the built-in 8.5–170 mm broadcast zoom applies.
    { id: 'freed-2', sensorWidthMm: 9.59, sensorHeightMm: 5.39 },
  ],
};

let dir: string;
let te: TestEngine;
let udp: UdpClient;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vantage-lens-'));
  const file = path.join(dir, 'stage.json');
  await writeFile(file, JSON.stringify(STAGE_JSON, null, 2));
  te = await startTestEngine({}, await loadStage(file));
  udp = createUdpClient();
});
afterAll(async () => {
  await udp?.close();
  await te?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Sends one D1 datagram for `cameraNumber` at a fixed pose with the given encoder counts. */
async function sendEncoders(cameraNumber: number, zoomRaw: number, focusRaw: number): Promise<void> {
  const packet = encodeFreeD({ cameraNumber, panDeg: 0, tiltDeg: 0, rollDeg: 0, xMm: 0, yMm: 0, zMm: 1500, zoomRaw, focusRaw });
  await udp.send(packet, te.ports.freed);
}

/** The camera in /api/state once its lens shows `focalLengthMm` (the datagram has been ingested). */
async function lensInState(cameraId: string, focalLengthMm: number): Promise<any> {
  return waitFor(
    async () => {
      const cam = (await te.getJson('/api/state', 'viewer')).body.cameras.find((c: any) => c.cameraId === cameraId);
      return cam?.lens && Math.abs(cam.lens.focalLengthMm - focalLengthMm) < 1e-9 ? cam.lens : undefined;
    },
    2000,
    `${cameraId} at ${focalLengthMm} mm in /api/state`,
  );
}

async function sourceHealth(sourceId: string): Promise<any> {
  const { status, body } = await te.getJson('/api/health');
  expect(status).toBe(200);
  return body.sources.find((s: any) => s.sourceId === sourceId);
}

describe('FreeD lens table from the stage file', () => {
  it('the loaded stage carries the table on freed-1 only', () => {
    expect(te.engine.stage.cameras.find((c) => c.id === 'freed-1')?.freedLensTable).toEqual(LENS_TABLE);
    expect(te.engine.stage.cameras.find((c) => c.id === 'freed-2')?.freedLensTable).toBeUndefined();
  });

  it('a calibration point comes out exactly: zoom 0x8000 → 50 mm, focus 0x1200 → 2 m', async () => {
    await sendEncoders(1, 0x8000, 0x1200);
    const lens = await lensInState('freed-1', 50);
    expect(lens.focusM).toBe(2);
    expect(lens.sensorWidthMm).toBe(9.59);
    expect(te.engine.hub.latestSample('freed-1')?.lens).toMatchObject({ focalLengthMm: 50, focusM: 2 });
  });

  it('between points the table interpolates: zoom 0x4800 → 30 mm, focus 0x0A00 → 1.25 m', async () => {
    // 0x4800 is halfway from 0x1000 to 0x8000: 10 + 0.5 · (50 − 10); 0x0A00 halfway from 0x0200 to 0x1200: 0.5 + 0.5 · 1.5.
    await sendEncoders(1, 0x4800, 0x0a00);
    const lens = await lensInState('freed-1', 30);
    expect(lens.focusM).toBeCloseTo(1.25, 12);
  });

  it('/api/health shows freed-1\'s last raw counts, and a sensor the table reported (not assumed)', async () => {
    await sendEncoders(1, 0xe000, 0x1200);
    await lensInState('freed-1', 50 + ((0xe000 - 0x8000) / (0xf000 - 0x8000)) * 50);
    const source = await sourceHealth('freed:freed-1');
    expect(source).toMatchObject({ protocol: 'freed', cameraId: 'freed-1', encoders: { zoom: 0xe000, focus: 0x1200 }, sensorAssumed: false });
  });

  it('a camera without a table uses the built-in one, and its counts show too', async () => {
    await sendEncoders(2, 0x8000, 0x1200);
    const lens = await lensInState('freed-2', lookupLensCurve(DEFAULT_FREED_LENS_TABLE.zoom, 0x8000));
    expect(lens.focalLengthMm).not.toBe(50); // not freed-1's table
    expect(lens.focusM).toBeCloseTo(lookupLensCurve(DEFAULT_FREED_LENS_TABLE.focus!, 0x1200), 12);
    expect((await sourceHealth('freed:freed-2')).encoders).toEqual({ zoom: 0x8000, focus: 0x1200 });
  });
});
