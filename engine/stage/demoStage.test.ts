import { describe, expect, it } from 'vitest';
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { quatFromPanTiltRollYUp, quatLookAt } from '../../camera-bridge/math/quaternion.ts';
import { cameraPathAt, createPathPose } from '../../camera-bridge/simulator/CameraPath.ts';
import { createInnerFrustumFootprint, horizontalFovRad, innerFrustumFootprint } from '../projection/innerFrustumFootprint.ts';
import { createOffAxisResult, offAxisProjection } from '../projection/offAxisProjection.ts';
import { DEMO_STAGE_CONFIG, demoStage } from './demoStage.ts';
import type { Stage, StageWall } from './Stage.ts';

const SUPER35_WIDTH_MM = 24.89;
const SUPER35_HEIGHT_MM = 18.66;
const ASPECT = SUPER35_WIDTH_MM / SUPER35_HEIGHT_MM;
const NEAR = 0.05;
const FAR = 200;

function wall(stage: Stage, id: string): StageWall {
  const w = stage.walls.find((x) => x.id === id);
  if (!w) throw new Error(`no wall ${id}`);
  return w;
}

/** Indices of the main-wall sections whose inner-frustum footprint is visible. */
function visibleSections(main: StageWall, eye: Readonly<Vec3>, rotation: Readonly<Quat>, focalLengthMm: number): number[] {
  const fp = createInnerFrustumFootprint();
  const hFov = horizontalFovRad(focalLengthMm, SUPER35_WIDTH_MM);
  return main.sections.filter((s) => innerFrustumFootprint(s.pa, s.pb, s.pc, eye, rotation, hFov, ASPECT, 1.1, fp).visible).map((s) => s.index);
}

describe('demoStage', () => {
  it('is JSON-compatible and resolves: a 12-chord main wall and a ceiling, two Super 35 cameras (A on top)', () => {
    expect(JSON.parse(JSON.stringify(DEMO_STAGE_CONFIG))).toEqual(DEMO_STAGE_CONFIG);
    const stage = demoStage();
    expect(stage.walls.map((w) => [w.id, w.type, w.sections.length])).toEqual([
      ['main', 'curved', 12],
      ['ceiling', 'ceiling', 1],
    ]);
    expect(stage.cameras.map((c) => [c.id, c.sensorWidthMm, c.sensorHeightMm, c.color, c.innerFrustum])).toEqual([
      ['sim-cam1', 24.89, 18.66, '#ffb020', { enabled: true, priority: 1, overscanPct: 15 }],
      ['sim-cam2', 24.89, 18.66, '#36cfc9', { enabled: true, priority: 2, overscanPct: 15 }],
    ]);
    expect(wall(stage, 'main').sections.every((s) => s.viewportPx[2] === 640)).toBe(true);
    expect(demoStage()).not.toBe(stage); // a fresh copy each call
  });

  it('the simulated camera at (0, 1.5, 3.5) looking at (0, 1.4, -2.5) sees the centre of the main wall', () => {
    const stage = demoStage();
    const main = wall(stage, 'main');
    const eye: Vec3 = [0, 1.5, 3.5];
    const rotation = quatLookAt(eye, [0, 1.4, -2.5], [0, 0, 0, 1]);
    const visible = visibleSections(main, eye, rotation, 36);
    // Looking straight down -Z the view lands around θ = 0°, between sections 5 and 6 (15° each from -90°).
    expect(visible).toContain(5);
    expect(visible).toContain(6);
    expect(visible).not.toContain(0);
    expect(visible).not.toContain(11);
    const out = createOffAxisResult();
    for (const s of main.sections) expect(offAxisProjection(s.pa, s.pb, s.pc, eye, NEAR, FAR, out), `section ${s.index}`).toBeDefined();
  });

  it('along the whole simulated path (both rigs) every section has a projection and the camera sees the main wall', () => {
    const stage = demoStage();
    const main = wall(stage, 'main');
    const pose = createPathPose();
    const rotation: Quat = [0, 0, 0, 1];
    const out = createOffAxisResult();
    for (const index of [0, 1]) {
      for (let t = 0; t < 40; t += 0.25) {
        cameraPathAt(t, { style: 'handheld', index }, pose);
        quatFromPanTiltRollYUp(pose.panDeg, pose.tiltDeg, pose.rollDeg, rotation);
        for (const w of stage.walls)
          for (const s of w.sections) expect(offAxisProjection(s.pa, s.pb, s.pc, pose.position, NEAR, FAR, out), `${w.id}[${s.index}] t=${t}`).toBeDefined();
        expect(visibleSections(main, pose.position, rotation, pose.focalLengthMm).length, `rig ${index} t=${t}`).toBeGreaterThan(0);
      }
    }
  });

  it('the outer viewpoint is in front of every section, ceiling included', () => {
    const stage = demoStage();
    expect(stage.outerViewpoint).toEqual([0, 1.7, 0]);
    const out = createOffAxisResult();
    for (const w of stage.walls) for (const s of w.sections) expect(offAxisProjection(s.pa, s.pb, s.pc, stage.outerViewpoint, NEAR, FAR, out)).toBeDefined();
  });
});
