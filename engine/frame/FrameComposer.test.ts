// The composer's several-camera frusta: every enabled camera on every section it reaches, top (lowest priority
// number) first, each with its own overscan; camera.frustum changes apply from the next frame.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../camera-bridge/EngineClock.ts';
import { quatFromPanTiltRollYUp } from '../../camera-bridge/math/quaternion.ts';
import { TrackingHub } from '../../camera-bridge/TrackingHub.ts';
import { CameraMoves } from '../moves/CameraMoves.ts';
import { parseStageConfig } from '../stage/parseStageConfig.ts';
import { FrameComposer } from './FrameComposer.ts';

/** One 8 m flat wall at z = -3; cam-b listed first but with priority 2, cam-a priority 1. */
const stage = parseStageConfig(
  {
    name: 'composer test',
    walls: [{ id: 'w', type: 'flat', corners: { bottomLeft: [-4, 0, -3], bottomRight: [4, 0, -3], topLeft: [-4, 4.5, -3] }, resolutionPx: [800, 450] }],
    cameras: [
      { id: 'cam-b', sensorWidthMm: 24.89, sensorHeightMm: 14, innerFrustum: { priority: 2 } },
      { id: 'cam-a', sensorWidthMm: 24.89, sensorHeightMm: 14, innerFrustum: { priority: 1, overscanPct: 0 } },
    ],
  },
  'test',
);

function setup() {
  const clock = new ManualClock();
  const hub = new TrackingHub({ clock, staleTimeoutS: 10 });
  const composer = new FrameComposer({ stage, hub, offsets: new CameraMoves() });
  const lookAhead = quatFromPanTiltRollYUp(0, 0, 0, [0, 0, 0, 1]);
  // 36 mm on 24.89 mm at 6 m from the wall: the image is 2 · 6 · 12.445/36 = 4.148 m wide (u span 0.5185 of 8 m).
  for (const [id, x] of [['cam-a', -0.8], ['cam-b', 0.8]] as const) {
    hub.ingest('osc', { kind: 'camera', cameraId: id, position: [x, 2, 3], rotation: lookAhead, lens: { focalLengthMm: 36, sensorWidthMm: 24.89 } }, clock.nowS());
  }
  return { clock, composer };
}

const uSpan = (fp: Float64Array) => Math.max(fp[0]!, fp[2]!, fp[4]!, fp[6]!) - Math.min(fp[0]!, fp[2]!, fp[4]!, fp[6]!);

describe('FrameComposer with several cameras', () => {
  it('lists every camera that reaches a section, top first, each with its own overscan', () => {
    const { clock, composer } = setup();
    const snap = composer.compose(1, 0.02, '00:00:00:01', clock.nowS());
    const section = snap.walls[0]!.sections[0]!;
    expect(section.count).toBe(2);
    expect(section.frusta.slice(0, 2).map((f) => f.cameraId)).toEqual(['cam-a', 'cam-b']);
    // cam-a without overscan spans 4.148/8; cam-b with the default 15 % spans 1.15 × that.
    expect(uSpan(section.frusta[0]!.footprint)).toBeCloseTo(0.5185, 3);
    expect(uSpan(section.frusta[1]!.footprint)).toBeCloseTo(0.5185 * 1.15, 3);
    // The hero (first listed) is not what orders the frusta.
    expect(snap.activeCameraId).toBe('cam-b');
  });

  it('follows priority and enabled changes from the next frame', () => {
    const { clock, composer } = setup();
    composer.frustumSettings.configure('cam-b', { priority: 0 });
    let section = composer.compose(1, 0.02, '', clock.nowS()).walls[0]!.sections[0]!;
    expect(section.frusta.slice(0, section.count).map((f) => f.cameraId)).toEqual(['cam-b', 'cam-a']);
    composer.frustumSettings.configure('cam-a', { enabled: false });
    section = composer.compose(2, 0.04, '', clock.nowS()).walls[0]!.sections[0]!;
    expect(section.frusta.slice(0, section.count).map((f) => f.cameraId)).toEqual(['cam-b']);
  });

  it('gives a camera the stage does not list a frustum after the listed ones, in a palette colour', () => {
    const { clock, composer } = setup();
    composer.frustumSettings.configure('cam-a', { enabled: false });
    const hub = (composer as unknown as { hub: TrackingHub }).hub;
    hub.ingest('osc', { kind: 'camera', cameraId: 'walk-in', position: [0, 2, 3], rotation: [0, 0, 0, 1] }, clock.nowS());
    const snap = composer.compose(1, 0.02, '', clock.nowS());
    const section = snap.walls[0]!.sections[0]!;
    expect(section.frusta.slice(0, section.count).map((f) => f.cameraId)).toEqual(['cam-b', 'walk-in']);
    const walkIn = snap.cameras.slice(0, snap.cameraCount).find((c) => c.id === 'walk-in')!;
    expect(walkIn.frustum.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(walkIn.frustum.color).not.toBe(snap.cameras.find((c) => c.id === 'cam-b')!.frustum.color);
  });
});

describe('FrameComposer prediction', () => {
  const view = (x: number) => ({ kind: 'camera' as const, cameraId: 'cam-a', position: [x, 2, 3] as [number, number, number], rotation: [0, 0, 0, 1] as [number, number, number, number] });

  function moving(timing: { presentLeadS: number; displayDelayS: number }) {
    const clock = new ManualClock();
    const hub = new TrackingHub({ clock, staleTimeoutS: 0.1 });
    const composer = new FrameComposer({ stage, hub, offsets: new CameraMoves(), timing });
    // 1 m/s along x, sampled at 100 Hz, the filter off so the numbers are exact.
    for (let i = 0; i <= 10; i++) {
      clock.timeS = i / 100;
      hub.ingest('osc', view(i / 100), clock.nowS());
      if (i === 0) hub.configureSource('osc:cam-a', { filter: { enabled: false, position: { minCutoffHz: 1, beta: 0, dCutoffHz: 1 }, rotation: { minCutoffHz: 1, beta: 0, dCutoffHz: 1 } } });
    }
    return { clock, composer };
  }

  it('shows the camera where it will be when the LEDs emit the frame, and keeps the pose at the frame time for takes (hand-worked)', () => {
    // Newest sample x = 0.10 m at t = 0.10 s; lead 16 ms + display 20 ms: shown at x = 0.10 + 0.036 = 0.136 m.
    const { clock, composer } = moving({ presentLeadS: 0.016, displayDelayS: 0.02 });
    const snap = composer.compose(5, 0.1, '', clock.nowS());
    const cam = snap.cameras[0]!;
    expect(snap.presentAtS).toBeCloseTo(0.116, 9);
    expect(cam.position[0]).toBeCloseTo(0.136, 6);
    expect(cam.trackedPosition[0]).toBeCloseTo(0.1, 6);
    // What a take records: the camera at the frame's own time.
    expect(cam.framePosition[0]).toBeCloseTo(0.1, 6);
  });

  it('never predicts further than the pose history allows (50 ms)', () => {
    const { clock, composer } = moving({ presentLeadS: 0.05, displayDelayS: 0.1 });
    expect(composer.compose(5, 0.1, '', clock.nowS()).cameras[0]!.position[0]).toBeCloseTo(0.15, 6);
  });

  it('holds a stale camera at its last measured pose instead of flinging it on', () => {
    const { clock, composer } = moving({ presentLeadS: 0.016, displayDelayS: 0.02 });
    clock.timeS = 0.5; // 0.4 s without a sample: stale
    const cam = composer.compose(25, 0.5, '', clock.nowS()).cameras[0]!;
    expect(cam.stale).toBe(true);
    expect(cam.position[0]).toBeCloseTo(0.1, 6);
  });
});
