// Pan through ±180° and continuous turns, over real sockets into a running engine: sample by sample, the filtered
// camera rotation and its inner-frustum footprint on the wall it faces move smoothly: no wrap jump, no flip.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encode, Message } from 'node-osc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraSample, Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { ManualClock } from '../../camera-bridge/EngineClock.ts';
import { encodeFreeD } from '../../camera-bridge/freed/index.ts';
import { rotateVec3 } from '../../camera-bridge/math/quaternion.ts';
import { encodeOpenTrackIoPackets } from '../../camera-bridge/opentrackio/index.ts';
import { createPoseAt } from '../../camera-bridge/PoseHistory.ts';
import { RoleTokens } from '../../engine/auth/RoleTokens.ts';
import { EngineConfigSchema } from '../../engine/config/EngineConfig.ts';
import { Engine } from '../../engine/Engine.ts';
import { createSilentLogger } from '../../engine/log/createLogger.ts';
import { createInnerFrustumFootprint, innerFrustumFootprint } from '../../engine/projection/innerFrustumFootprint.ts';
import { parseStageConfig } from '../../engine/stage/parseStageConfig.ts';
import type { WallSection } from '../../engine/stage/Stage.ts';
import { TEST_TOKENS } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

const DEG = Math.PI / 180;
/** Sample period in engine time: a 100 Hz rig. The hub stamps arrivals with the (manual) engine clock. */
const SAMPLE_PERIOD_S = 0.01;
/** What the One Euro filter may add to a step: its cutoff adapts with speed, so steps vary a little, degrees. */
const FILTER_SLACK_DEG = 0.05;
/** Most the filtered view may trail the commanded one at these speeds (≈ speed × 1/(2π·cutoff) + warm-up), degrees. */
const MAX_LAG_DEG = 5;
/** The inner frustum we trace: a 40° lens, 16:9, the default 15 % overscan. */
const H_FOV_RAD = 40 * DEG;
const ASPECT = 16 / 9;
const OVERSCAN = 1.15;
/** Footprints are checked while the view is within this of a wall's normal (all four corners land on it), degrees. */
const FACING_DEG = 12;
const EYE_M: Vec3 = [0, 1.5, 0];

/** A main wall 5 m ahead (−Z) and a back wall 5 m behind (+Z), both 10 × 4 m, facing the eye. */
const stage = parseStageConfig(
  {
    name: 'Pan wrap stage',
    walls: [
      { id: 'main', type: 'flat', corners: { bottomLeft: [-5, 0, -5], bottomRight: [5, 0, -5], topLeft: [-5, 4, -5] }, resolutionPx: [1000, 400] },
      { id: 'back', type: 'flat', corners: { bottomLeft: [5, 0, 5], bottomRight: [-5, 0, 5], topLeft: [5, 4, 5] }, resolutionPx: [1000, 400] },
    ],
    cameras: [{ id: 'cam', sensorWidthMm: 24.89, sensorHeightMm: 18.66 }],
  },
  'pan-wrap stage',
);
const MAIN = stage.walls[0]!.sections[0]!;
const BACK = stage.walls[1]!.sections[0]!;

let engine: Engine;
let clock: ManualClock;
let dataDir: string;
let udp: UdpClient;
let otioSequence = 0;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'vantage-pan-'));
  clock = new ManualClock(1);
  const config = EngineConfigSchema.parse({ httpPort: 0, oscPort: 0, freedPort: 0, otioPort: 0, simulate: false, dataDir });
  const tokens = RoleTokens.parse(Object.entries(TEST_TOKENS).map(([r, t]) => `${r}=${t}`).join(','));
  engine = new Engine({ config, stage, tokens, log: createSilentLogger(), clock });
  await engine.start();
  udp = createUdpClient();
});
afterAll(async () => {
  await udp?.close();
  await engine?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

type Protocol = 'freed' | 'opentrackio' | 'osc';

/** One pan sample as the rig puts it on the wire (eye at 1.5 m, level); `wirePanDeg` is the field's value. */
function datagrams(protocol: Protocol, unit: number, wirePanDeg: number): Uint8Array[] {
  switch (protocol) {
    case 'freed':
      return [encodeFreeD({ cameraNumber: unit, panDeg: wirePanDeg, tiltDeg: 0, rollDeg: 0, xMm: 0, yMm: 0, zMm: 1500, zoomRaw: 0, focusRaw: 0 })];
    case 'opentrackio': {
      const sample = { protocol: { name: 'OpenTrackIO', version: [1, 0, 1] }, sourceNumber: unit, transforms: [{ translation: { x: 0, y: 0, z: 1.5 }, rotation: { pan: wirePanDeg, tilt: 0, roll: 0 } }] };
      const packets = encodeOpenTrackIoPackets(sample, { sequenceNumber: otioSequence });
      otioSequence = (otioSequence + packets.length) & 0xffff;
      return packets;
    }
    case 'osc':
      return [encode(new Message(`/camera/osc-${unit}/euler`, ...[0, 1.5, 0, wirePanDeg, 0, 0].map((value) => ({ type: 'float', value }))))];
  }
}

const cameraIdOf = (protocol: Protocol, unit: number) => ({ freed: `freed-${unit}`, opentrackio: `otio-${unit}`, osc: `osc-${unit}` })[protocol];
const portOf = (protocol: Protocol) => engine.ports![protocol];

/**
 * Engine-frame view direction for a commanded pan: FreeD pans right for positive pan (+Y forward, Z up → engine
 * (sin p, 0, −cos p)); OpenTrackIO ("+ve X to Y") and OSC (about +Y) pan left: (−sin p, 0, −cos p).
 */
function commandedForward(protocol: Protocol, panDeg: number): Vec3 {
  const s = Math.sin(panDeg * DEG);
  return [protocol === 'freed' ? s : -s, 0, -Math.cos(panDeg * DEG)];
}

const forwardOf = (q: Readonly<Quat>): Vec3 => rotateVec3(q, [0, 0, -1], [0, 0, 0]);
/** Angle between two unit vectors, degrees (atan2 form: exact for tiny angles, where acos is not). */
function angleDeg(a: Readonly<Vec3>, b: Readonly<Vec3>): number {
  const cx = a[1] * b[2] - a[2] * b[1], cy = a[2] * b[0] - a[0] * b[2], cz = a[0] * b[1] - a[1] * b[0];
  return Math.atan2(Math.hypot(cx, cy, cz), a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / DEG;
}

/** The level rotation (about +Y) that looks along `forward`. */
function rotationLookingAlong(forward: Readonly<Vec3>): Quat {
  const yawRad = Math.atan2(-forward[0], -forward[2]); // 0 looks along −Z
  return [0, Math.sin(yawRad / 2), 0, Math.cos(yawRad / 2)];
}

/** The wall the view faces squarely enough that the whole footprint lands on it, else undefined. */
function facedSection(forward: Readonly<Vec3>): WallSection | undefined {
  if (Math.abs(forward[0]) > Math.sin(FACING_DEG * DEG)) return undefined;
  return forward[2] < 0 ? MAIN : BACK;
}

/** The four footprint corners on `section`, metres along its edges: `[x0, y0, … x3, y3]`; undefined when not on it. */
function footprintM(section: WallSection, rotation: Readonly<Quat>): number[] | undefined {
  const f = innerFrustumFootprint(section.pa, section.pb, section.pc, EYE_M, rotation, H_FOV_RAD, ASPECT, OVERSCAN, createInnerFrustumFootprint());
  return f.visible ? Array.from(f.corners, (uv, i) => uv * (i % 2 === 0 ? section.widthM : section.heightM)) : undefined;
}

/** Largest corner displacement between two footprints, metres; Infinity when one of them left the wall. */
function footprintStepM(a: readonly number[] | undefined, b: readonly number[] | undefined): number {
  if (!a || !b) return Infinity;
  let most = 0;
  for (let i = 0; i < 8; i += 2) most = Math.max(most, Math.hypot(b[i]! - a[i]!, b[i + 1]! - a[i + 1]!));
  return most;
}

/** The next filtered sample the hub emits for `cameraId` (copied: the hub mutates its latest sample in place). */
function nextSample(cameraId: string): Promise<CameraSample> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      engine.hub.off('sample', onSample);
      reject(new Error(`no sample for ${cameraId} within 2 s`));
    }, 2000);
    const onSample = (s: CameraSample) => {
      if (s.cameraId !== cameraId) return;
      clearTimeout(timer);
      engine.hub.off('sample', onSample);
      resolve({ ...s, position: [...s.position], rotation: [...s.rotation] });
    };
    engine.hub.on('sample', onSample);
  });
}

interface SweepReport {
  samples: number;
  /** Largest step of the filtered view between consecutive samples, and where, degrees. */
  maxStepDeg: number;
  maxStepAt: number;
  /** Largest angle between the filtered and the commanded view, degrees. */
  maxLagDeg: number;
  /** Largest distance of a history-interpolated midpoint from its two bracketing samples, beyond the step, degrees. */
  maxMidpointExcessDeg: number;
  /** Largest per-step footprint corner move, filtered and commanded, metres; and how many steps were checked. */
  maxFootprintStepM: number;
  maxCommandedFootprintStepM: number;
  footprintSteps: number;
}

/**
 * Streams `truePanDeg(i)` for i = 0..n-1, one sample per 10 ms of engine time, sending `wirePanDeg(true pan)`
 * (what the rig's field holds), and measures the filtered pose after every sample.
 */
async function sweep(protocol: Protocol, unit: number, n: number, truePanDeg: (i: number) => number, wirePanDeg: (deg: number) => number): Promise<SweepReport> {
  const cameraId = cameraIdOf(protocol, unit);
  const report: SweepReport = { samples: 0, maxStepDeg: 0, maxStepAt: -1, maxLagDeg: 0, maxMidpointExcessDeg: 0, maxFootprintStepM: 0, maxCommandedFootprintStepM: 0, footprintSteps: 0 };
  const at = createPoseAt();
  let prev: { forward: Vec3; rotation: Quat; commanded: Vec3; tS: number } | undefined;
  for (let i = 0; i < n; i++) {
    clock.advance(SAMPLE_PERIOD_S);
    const arrived = nextSample(cameraId);
    for (const d of datagrams(protocol, unit, wirePanDeg(truePanDeg(i)))) await udp.send(d, portOf(protocol));
    const sample = await arrived;
    report.samples++;
    const forward = forwardOf(sample.rotation);
    const commanded = commandedForward(protocol, truePanDeg(i));
    report.maxLagDeg = Math.max(report.maxLagDeg, angleDeg(forward, commanded));
    if (prev) {
      const stepDeg = angleDeg(prev.forward, forward);
      if (stepDeg > report.maxStepDeg) [report.maxStepDeg, report.maxStepAt] = [stepDeg, i];
      // Halfway between the two samples the history slerps: it must lie between them, not round the long way.
      const mid = forwardOf(engine.hub.sampleCamera(cameraId, (prev.tS + sample.tS) / 2, at)!.rotation);
      const excess = Math.max(angleDeg(mid, prev.forward), angleDeg(mid, forward)) - stepDeg;
      report.maxMidpointExcessDeg = Math.max(report.maxMidpointExcessDeg, excess);
      const section = facedSection(commanded);
      if (section && section === facedSection(prev.commanded)) {
        report.footprintSteps++;
        const moved = footprintStepM(footprintM(section, prev.rotation), footprintM(section, sample.rotation));
        report.maxFootprintStepM = Math.max(report.maxFootprintStepM, moved);
        const commandedMoved = footprintStepM(footprintM(section, rotationLookingAlong(prev.commanded)), footprintM(section, rotationLookingAlong(commanded)));
        report.maxCommandedFootprintStepM = Math.max(report.maxCommandedFootprintStepM, commandedMoved);
      }
    }
    prev = { forward, rotation: sample.rotation, commanded, tS: sample.tS };
  }
  return report;
}

/** The assertions every sweep must pass, for a commanded step of `stepDeg` per sample. */
function expectSmooth(report: SweepReport, stepDeg: number, n: number, footprintExpected: boolean): void {
  expect(report.samples).toBe(n);
  expect(report.maxStepDeg, `filtered view stepped ${report.maxStepDeg.toFixed(3)}° at sample ${report.maxStepAt}`).toBeLessThan(2 * stepDeg + FILTER_SLACK_DEG);
  expect(report.maxLagDeg, 'filtered view vs commanded pan').toBeLessThan(MAX_LAG_DEG);
  expect(report.maxMidpointExcessDeg, 'interpolated midpoint left the arc between its samples').toBeLessThan(1e-6);
  if (!footprintExpected) return;
  expect(report.footprintSteps).toBeGreaterThan(0);
  expect(report.maxFootprintStepM, 'inner-frustum footprint jumped on the wall').toBeLessThan(2 * report.maxCommandedFootprintStepM + 0.001);
}

const wrap180 = (deg: number) => deg - 360 * Math.round(deg / 360);
/** What a FreeD field holds for a head that keeps counting: the angle modulo its 24-bit range, [−256°, 256°). */
const wrapFreeDField = (deg: number) => deg - 512 * Math.floor((deg + 256) / 512);

describe('pan wrap never jumps the filtered pose or the frustum', () => {
  // 170° → ±180° → −170° in 0.2° steps: 101 samples, 1 s of sample time at 100 Hz (20°/s).
  const across180 = (i: number) => 170 + 0.2 * i;

  it('FreeD: pan field 170° → ±180° → −170°', async () => {
    expectSmooth(await sweep('freed', 1, 101, across180, wrap180), 0.2, 101, true);
  });

  it('OpenTrackIO: pan 170° → ±180° → −170°', async () => {
    expectSmooth(await sweep('opentrackio', 1, 101, across180, wrap180), 0.2, 101, true);
  });

  it('OSC /euler: pan 170° → ±180° → −170°', async () => {
    expectSmooth(await sweep('osc', 1, 101, across180, wrap180), 0.2, 101, true);
  });

  it('OpenTrackIO continuous-turn head: 350° → 370° and 710° → 730°, sent as is', async () => {
    expectSmooth(await sweep('opentrackio', 2, 101, (i) => 350 + 0.2 * i, (deg) => deg), 0.2, 101, true);
    expectSmooth(await sweep('opentrackio', 3, 101, (i) => 710 + 0.2 * i, (deg) => deg), 0.2, 101, true);
  });

  it('FreeD head that wraps at ±180°: 350° → 370° arrives as −10° → 10°', async () => {
    expectSmooth(await sweep('freed', 2, 101, (i) => 350 + 0.2 * i, wrap180), 0.2, 101, true);
  });

  it('FreeD head that keeps counting: 0° → 730° at 100°/s, its 24-bit pan field overflowing at 256°', async () => {
    // Past 256° the field wraps to −256° (a 512° step that is a 152° turn, not a whole one): 350° arrives as −162°,
    // 710° as 198°. Only a receiver that follows the count sees 350° and 710° (the main wall), not the side walls.
    expectSmooth(await sweep('freed', 3, 731, (i) => i, wrapFreeDField), 1, 731, true);
  });
});
