import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../camera-bridge/CameraSample.ts';
import type { WallSection } from './Stage.ts';
import { parseStageConfig } from './parseStageConfig.ts';
import type { StageConfigInput } from './StageConfig.ts';

const CAMERA = { id: 'cam', sensorWidthMm: 24.89, sensorHeightMm: 18.66 };

function stageWith(wall: StageConfigInput['walls'][number]) {
  return parseStageConfig({ name: 't', walls: [wall], cameras: [CAMERA] }, 'test');
}

function expectVecClose(actual: Readonly<Vec3>, expected: Readonly<Vec3>, digits = 12): void {
  for (let k = 0; k < 3; k++) expect(actual[k], `component ${k}`).toBeCloseTo(expected[k]!, digits);
}

/** normalize((pb - pa) × (pc - pa)): the direction the section faces. */
function normal(s: WallSection): Vec3 {
  const u = [s.pb[0] - s.pa[0], s.pb[1] - s.pa[1], s.pb[2] - s.pa[2]];
  const v = [s.pc[0] - s.pa[0], s.pc[1] - s.pa[1], s.pc[2] - s.pa[2]];
  const n: Vec3 = [u[1]! * v[2]! - u[2]! * v[1]!, u[2]! * v[0]! - u[0]! * v[2]!, u[0]! * v[1]! - u[1]! * v[0]!];
  const l = Math.hypot(...n);
  return [n[0] / l, n[1] / l, n[2] / l];
}

describe('resolveStage: curved walls', () => {
  it('hand-worked half circle in 2 chords: 0° points to -Z, +90° to +X, listed left to right from inside', () => {
    // Centre (0, 0), R = 2, -90°..90°: points (R sin θ, -R cos θ) → -90° (-2, 0), 0° (0, -2), 90° (2, 0).
    const stage = stageWith({ id: 'arc', type: 'curved', center: [0, 0], radiusM: 2, startAngleDeg: -90, endAngleDeg: 90, bottomM: 0.5, heightM: 3, segments: 2, resolutionPx: [100, 50] });
    const [s0, s1] = stage.walls[0]!.sections;
    expectVecClose(s0!.pa, [-2, 0.5, 0]);
    expectVecClose(s0!.pb, [0, 0.5, -2]);
    expectVecClose(s0!.pc, [-2, 3.5, 0]);
    expectVecClose(s1!.pa, [0, 0.5, -2]);
    expectVecClose(s1!.pb, [2, 0.5, 0]);
    expectVecClose(s1!.pc, [0, 3.5, -2]);
    // Chord of 90°: 2R sin 45° = 2√2.
    expect(s0!.widthM).toBeCloseTo(2 * Math.SQRT2, 12);
    expect(s0!.heightM).toBe(3);
    // Left chord faces (1, 0, 1)/√2, towards the centre from its midpoint (-1, -1).
    expectVecClose(normal(s0!), [Math.SQRT1_2, 0, Math.SQRT1_2]);
    expect(s0!.viewportPx).toEqual([0, 0, 50, 50]);
    expect(s1!.viewportPx).toEqual([50, 0, 50, 50]);
  });

  const CURVED = { id: 'main', type: 'curved', center: [1, 3], radiusM: 7, startAngleDeg: -95, endAngleDeg: 80, bottomM: 0.2, heightM: 5, segments: 7, resolutionPx: [1000, 300] } satisfies StageConfigInput['walls'][number];

  it('chord endpoints lie on the circle at the bottom and top edge', () => {
    for (const s of stageWith({ ...CURVED }).walls[0]!.sections) {
      for (const p of [s.pa, s.pb, s.pc]) expect(Math.hypot(p[0] - 1, p[2] - 3)).toBeCloseTo(7, 12);
      expect(s.pa[1]).toBe(0.2);
      expect(s.pb[1]).toBe(0.2);
      expect(s.pc[1]).toBeCloseTo(5.2, 12);
      expect(s.widthM).toBeCloseTo(Math.hypot(s.pb[0] - s.pa[0], s.pb[2] - s.pa[2]), 12);
    }
  });

  it('adjacent segments share edges and the arc runs from startAngleDeg to endAngleDeg', () => {
    const sections = stageWith({ ...CURVED }).walls[0]!.sections;
    expect(sections.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (let i = 0; i + 1 < sections.length; i++) expectVecClose(sections[i + 1]!.pa, sections[i]!.pb);
    const rad = Math.PI / 180;
    expectVecClose(sections[0]!.pa, [1 + 7 * Math.sin(-95 * rad), 0.2, 3 - 7 * Math.cos(-95 * rad)]);
    expectVecClose(sections[6]!.pb, [1 + 7 * Math.sin(80 * rad), 0.2, 3 - 7 * Math.cos(80 * rad)]);
  });

  it('inward: every section faces the axis; outward: away from it, still left to right for its viewer', () => {
    for (const facing of ['inward', 'outward'] as const) {
      const sections = stageWith({ ...CURVED, facing }).walls[0]!.sections;
      for (const s of sections) {
        const mx = (s.pa[0] + s.pb[0]) / 2, mz = (s.pa[2] + s.pb[2]) / 2; // chord midpoint
        const l = Math.hypot(1 - mx, 3 - mz);
        const towardsAxis: Vec3 = [(1 - mx) / l, 0, (3 - mz) / l];
        const n = normal(s);
        const expected: Vec3 = facing === 'inward' ? towardsAxis : [-towardsAxis[0], 0, -towardsAxis[2]];
        expectVecClose(n, expected);
      }
      // Outward, the viewer's leftmost section is the one at the end angle.
      const first = sections[0]!.pa;
      const rad = Math.PI / 180;
      const angle = facing === 'inward' ? -95 : 80;
      expectVecClose(first, [1 + 7 * Math.sin(angle * rad), 0.2, 3 - 7 * Math.cos(angle * rad)]);
    }
  });

  it('viewports tile the width exactly with integer pixels (1000 px over 7 sections)', () => {
    const sections = stageWith({ ...CURVED }).walls[0]!.sections;
    let x = 0;
    for (const s of sections) {
      const [vx, vy, vw, vh] = s.viewportPx;
      expect(Number.isInteger(vw)).toBe(true);
      expect(vx).toBe(x);
      expect(vy).toBe(0);
      expect(vh).toBe(300);
      expect(vw === 142 || vw === 143).toBe(true); // 1000 / 7 = 142.86
      x += vw;
    }
    expect(x).toBe(1000);
  });
});

describe('resolveStage: flat walls and ceilings', () => {
  it('one section with the corners as given and the whole canvas as viewport', () => {
    const stage = stageWith({ id: 'back', type: 'flat', corners: { bottomLeft: [-2, 0, 0], bottomRight: [2, 0, 0], topLeft: [-2, 2, 0] }, resolutionPx: [1920, 960] });
    const wall = stage.walls[0]!;
    expect(wall.resolutionPx).toEqual([1920, 960]);
    expect(wall.sections).toEqual([{ index: 0, pa: [-2, 0, 0], pb: [2, 0, 0], pc: [-2, 2, 0], widthM: 4, heightM: 2, viewportPx: [0, 0, 1920, 960] }]);
  });

  it('a ceiling faces down', () => {
    const stage = stageWith({ id: 'top', type: 'ceiling', corners: { bottomLeft: [-4, 5.5, -3], bottomRight: [4, 5.5, -3], topLeft: [-4, 5.5, 3] }, resolutionPx: [1024, 768] });
    const s = stage.walls[0]!.sections[0]!;
    expectVecClose(normal(s), [0, -1, 0]);
    expect(s.widthM).toBe(8);
    expect(s.heightM).toBe(6);
  });
});
