// The resolved stage model: every wall as flat rectangular sections with corners in stage space and a pixel viewport.
import type { Vec3 } from '../../camera-bridge/CameraSample.ts';
import type { CameraConfig, StageConfig, WallConfig } from './StageConfig.ts';

/** A validated, resolved stage; built once at start (or on reload), read every frame. */
export interface Stage {
  name: string;
  walls: StageWall[];
  /** Cameras the stage knows; with `lockCameras` the only ones tracking may report. */
  cameras: StageCamera[];
  /** Only listed camera ids are accepted from tracking. */
  lockCameras: boolean;
  /** The fixed eye the outer frustum (lighting, reflections) is rendered from, metres. */
  outerViewpoint: Vec3;
  /** LED processor and panel delay after a render node shows a frame, frames. */
  displayDelayFrames: number;
  /** Where a camera may be moved to, metres; undefined = anywhere. */
  safeVolume: { min: Vec3; max: Vec3 } | undefined;
}

/** A stage camera with its defaults resolved: a colour, and an inner-frustum priority (lower is on top). */
export interface StageCamera extends Omit<CameraConfig, 'color' | 'innerFrustum'> {
  color: string;
  innerFrustum: { enabled: boolean; priority: number; overscanPct: number };
}

/** Camera colours in list order where the stage does not give one: distinct on the console's dark background. */
export const CAMERA_PALETTE = ['#ffb020', '#36cfc9', '#b37feb', '#ff7a45', '#73d13d', '#f759ab', '#40a9ff', '#fadb14'] as const;

/** The colour of the `index`-th camera not listed in the stage (seen on tracking only), continuing the palette. */
export function paletteColor(index: number): string {
  return CAMERA_PALETTE[index % CAMERA_PALETTE.length]!;
}

export type WallType = WallConfig['type'];

/** One LED surface driven as one pixel canvas (one render node, `/wall/{id}`). */
export interface StageWall {
  id: string;
  type: WallType;
  /** `[width, height]` of the wall's pixel canvas, px. */
  resolutionPx: [w: number, h: number];
  /** Flat pieces, left to right as seen by the viewer; flat walls and ceilings have one. */
  sections: WallSection[];
}

/**
 * One flat rectangle of LEDs: what `offAxisProjection` takes. Corners in stage space, metres,
 * seen from the front: `pa` lower-left, `pb` lower-right, `pc` upper-left, so the screen faces
 * `normalize((pb - pa) × (pc - pa))`.
 */
export interface WallSection {
  /** Position in `StageWall.sections`. */
  index: number;
  pa: Vec3;
  pb: Vec3;
  pc: Vec3;
  widthM: number;
  heightM: number;
  /** `[x, y, w, h]` in the wall's canvas, px, origin top-left (canvas convention); sections tile the canvas exactly. */
  viewportPx: [x: number, y: number, w: number, h: number];
}

const DEG2RAD = Math.PI / 180;

/** Turn a validated config into sections. Pure; assumes `StageConfigSchema` has accepted `config`. */
export function resolveStage(config: StageConfig): Stage {
  return {
    name: config.name,
    walls: config.walls.map(resolveWall),
    cameras: config.cameras.map((c, i) => ({
      ...c,
      color: c.color ?? paletteColor(i),
      // Listed order is the default priority; explicit priorities sort among themselves and before unlisted ones.
      innerFrustum: { enabled: c.innerFrustum.enabled, priority: c.innerFrustum.priority ?? i + 1, overscanPct: c.innerFrustum.overscanPct },
    })),
    lockCameras: config.lockCameras,
    outerViewpoint: [...config.outerViewpoint],
    displayDelayFrames: config.displayDelayFrames,
    safeVolume: config.safeVolume ? { min: [...config.safeVolume.min], max: [...config.safeVolume.max] } : undefined,
  };
}

function resolveWall(wall: WallConfig): StageWall {
  const resolutionPx: [number, number] = [wall.resolutionPx[0], wall.resolutionPx[1]];
  if (wall.type === 'curved') return { id: wall.id, type: wall.type, resolutionPx, sections: curvedSections(wall, resolutionPx) };
  const { bottomLeft, bottomRight, topLeft } = wall.corners;
  const section: WallSection = {
    index: 0,
    pa: [...bottomLeft],
    pb: [...bottomRight],
    pc: [...topLeft],
    widthM: distance(bottomLeft, bottomRight),
    heightM: distance(bottomLeft, topLeft),
    viewportPx: [0, 0, resolutionPx[0], resolutionPx[1]],
  };
  return { id: wall.id, type: wall.type, resolutionPx, sections: [section] };
}

/**
 * A curved wall's chords. Angle θ (from `startAngleDeg` to `endAngleDeg`) is measured in the
 * XZ plane from the centre: θ = 0 points towards -Z, θ = +90° towards +X, so the point is
 * `(cx + R sin θ, cz - R cos θ)`. Seen from inside (facing the arc at θ = 0, +X is on the
 * right) increasing θ runs left to right; seen from outside it runs right to left. Sections
 * are listed left to right for the viewer and split the canvas width evenly with integer
 * pixels (`x_i = round(i·W/N)`, so widths differ by at most one and sum to W).
 */
function curvedSections(wall: Extract<WallConfig, { type: 'curved' }>, resolutionPx: [number, number]): WallSection[] {
  const [cx, cz] = wall.center;
  const r = wall.radiusM;
  const n = wall.segments;
  const y0 = wall.bottomM; // lower edge
  const y1 = wall.bottomM + wall.heightM; // upper edge
  const stepDeg = (wall.endAngleDeg - wall.startAngleDeg) / n;
  const chordM = 2 * r * Math.sin((stepDeg * DEG2RAD) / 2);
  const [w, h] = resolutionPx;
  const sections: WallSection[] = [];
  for (let i = 0; i < n; i++) {
    // Left and right edge angles of section i as the viewer sees it.
    const leftDeg = wall.facing === 'inward' ? wall.startAngleDeg + i * stepDeg : wall.endAngleDeg - i * stepDeg;
    const rightDeg = wall.facing === 'inward' ? leftDeg + stepDeg : leftDeg - stepDeg;
    const left = leftDeg * DEG2RAD;
    const right = rightDeg * DEG2RAD;
    const xLeft = cx + r * Math.sin(left), zLeft = cz - r * Math.cos(left);
    const xRight = cx + r * Math.sin(right), zRight = cz - r * Math.cos(right);
    const x0 = Math.round((i * w) / n);
    const x1 = Math.round(((i + 1) * w) / n);
    sections.push({
      index: i,
      pa: [xLeft, y0, zLeft],
      pb: [xRight, y0, zRight],
      pc: [xLeft, y1, zLeft],
      widthM: chordM,
      heightM: wall.heightM,
      viewportPx: [x0, 0, x1 - x0, h],
    });
  }
  return sections;
}

function distance(a: Readonly<Vec3>, b: Readonly<Vec3>): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
}
