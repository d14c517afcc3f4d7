import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../camera-bridge/CameraSample.ts';
import { MoveSpecSchema } from '../../protocol/MoveSpec.ts';
import { REVEAL_KINDS } from './expertDirector.ts';
import { generateSituations, type LabelledSituation } from './shotGrammar.ts';

const situations = generateSituations(20_000, 11);

/** Side of the line a→b that p lies on, seen from above (sign of the 2-D cross product). */
function side(a: Readonly<Vec3>, b: Readonly<Vec3>, p: Readonly<Vec3>): number {
  return Math.sign((b[0] - a[0]) * (p[2] - a[2]) - (b[2] - a[2]) * (p[0] - a[0]));
}

/** The camera position after orbiting `angleRad` about the vertical through `pivot` (R_y, + = counter-clockwise from above). */
function orbitCamera(cam: Readonly<Vec3>, pivot: Readonly<Vec3>, angleRad: number): Vec3 {
  const x = cam[0] - pivot[0];
  const z = cam[2] - pivot[2];
  const c = Math.cos(angleRad);
  const s = Math.sin(angleRad);
  return [pivot[0] + c * x + s * z, cam[1], pivot[2] - s * x + c * z];
}

function nearestTwo(s: LabelledSituation): [Vec3, Vec3] | null {
  const cam = s.input.camera.position;
  const sorted = [...s.input.subjects].sort(
    (a, b) => Math.hypot(a.position[0] - cam[0], a.position[1] - cam[1], a.position[2] - cam[2]) - Math.hypot(b.position[0] - cam[0], b.position[1] - cam[1], b.position[2] - cam[2]),
  );
  return sorted[0] && sorted[1] ? [sorted[0].position, sorted[1].position] : null;
}

/** Camera heading (0 along -Z, + left) from its quaternion's forward (-Z) vector. */
function yawOf([x, y, z, w]: readonly [number, number, number, number]): number {
  const fx = -(2 * (x * z + w * y));
  const fz = -(1 - 2 * (x * x + y * y));
  return Math.atan2(-fx, -fz);
}

describe('shotGrammar', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateSituations(300, 42)).toEqual(generateSituations(300, 42));
    expect(generateSituations(50, 43)).not.toEqual(generateSituations(50, 42));
  });

  it('every label is a valid MoveSpec', () => {
    for (const { label } of situations.slice(0, 5000)) {
      const { target, ...rest } = label;
      expect(MoveSpecSchema.safeParse(target ? { ...rest, target } : rest).success).toBe(true);
    }
  });

  it('scene starts with no move yet are dominated by reveals (pull-out / crane)', () => {
    const starts = situations.filter(
      (s) => s.input.sceneAgeS < 4 && !s.input.recentMoves.some((m) => m.endedAgoS <= s.input.sceneAgeS && m.decision !== 'rejected'),
    );
    const reveals = starts.filter((s) => REVEAL_KINDS.includes(s.label.kind)).length;
    const later = situations.filter((s) => s.input.sceneAgeS > 30);
    const laterReveals = later.filter((s) => REVEAL_KINDS.includes(s.label.kind)).length;
    expect(starts.length).toBeGreaterThan(1000);
    expect(reveals / starts.length).toBeGreaterThan(0.6);
    expect(reveals / starts.length).toBeGreaterThan(3 * (laterReveals / later.length));
  });

  it('never orbits past the 180° line between the two nearest subjects', () => {
    let checked = 0;
    for (const s of situations) {
      if (s.label.kind !== 'orbit') continue;
      const pair = nearestTwo(s);
      if (!pair) continue;
      const t = s.label.target;
      const pivot = t?.type === 'point' ? t.position : t?.type === 'subject' ? s.input.subjects.find((x) => x.id === t.id)?.position : undefined;
      expect(pivot).toBeDefined();
      const start = s.input.camera.position;
      const before = side(pair[0], pair[1], start);
      // Check along the arc, not only at its end.
      for (let f = 0.1; f <= 1.0001; f += 0.1) {
        expect(side(pair[0], pair[1], orbitCamera(start, pivot as Vec3, (s.label.angleRad ?? 0) * f))).toBe(before);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("doesn't stack moves: a running move is almost always held", () => {
    const running = situations.filter((s) => s.input.recentMoves[0]?.endedAgoS === 0 && s.input.recentMoves[0].decision !== 'rejected');
    const holds = running.filter((s) => s.label.kind === 'hold').length;
    expect(running.length).toBeGreaterThan(500);
    expect(holds / running.length).toBeGreaterThan(0.8);
  });

  it('keeps dutch rolls rare, and follows lateral walkers with a truck or a pan', () => {
    const rolls = situations.filter((s) => s.label.kind === 'roll').length;
    expect(rolls / situations.length).toBeLessThan(0.06);
    const truckOrPan = situations.filter((s) => s.label.kind === 'truck' || s.label.kind === 'pan');
    const follows = truckOrPan.filter((s) => s.label.target?.type === 'subject' && s.input.subjects.some((x) => x.id === (s.label.target as { id: string }).id && Math.hypot(...x.velocity) > 0.35));
    expect(follows.length).toBeGreaterThan(500);
    // A truck follows the walker's direction: its sign matches the subject's sideways velocity in the camera frame.
    const trucks = follows.filter((x) => x.label.kind === 'truck');
    expect(trucks.length).toBeGreaterThan(100);
    for (const s of trucks) {
      const v = s.input.subjects.find((x) => x.id === (s.label.target as { id: string }).id)!.velocity;
      const yaw = yawOf(s.input.camera.rotation);
      const lateral = v[0] * Math.cos(yaw) - v[2] * Math.sin(yaw); // along the camera's horizontal right
      expect(Math.sign(s.label.distanceM ?? 0)).toBe(Math.sign(lateral));
    }
  });

  it('derives parameters from geometry: a pan to a point of interest turns by its bearing', () => {
    const pans = situations.filter((s) => s.label.kind === 'pan' && s.label.target?.type === 'poi' && s.input.subjects.length === 0);
    expect(pans.length).toBeGreaterThan(100);
    for (const s of pans.slice(0, 100)) {
      const poi = s.input.pois.find((p) => p.id === (s.label.target as { id: string }).id);
      const cam = s.input.camera;
      const d = [poi!.position[0] - cam.position[0], poi!.position[2] - cam.position[2]];
      const bearing = Math.atan2(-d[0]!, -d[1]!) - yawOf(cam.rotation);
      const wrapped = Math.atan2(Math.sin(bearing), Math.cos(bearing));
      expect(s.label.angleRad).toBeCloseTo(wrapped, 5);
    }
  });
});
