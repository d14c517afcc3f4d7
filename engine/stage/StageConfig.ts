// The stage JSON file (LED walls, cameras, viewpoint) as a zod schema, and its parser with errors that name the field.
import { z } from 'zod';
import type { Vec3 } from '../../camera-bridge/CameraSample.ts';
import { FreeDLensTableSchema } from '../../camera-bridge/freed/FreeDLensTable.ts';

/** Wall ids appear in URLs (`/wall/{id}`): lower-case, digits and dashes, at most 32. */
export const WALL_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
/** Camera ids as the tracking ingest accepts them (`sim-cam1`, `freed-1`, `otio-3`, OSC names). */
export const CAMERA_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
/** Largest LED processor canvas side we accept, px. */
export const MAX_RESOLUTION_PX = 16384;
/** Most chords one curved wall may be split into. */
export const MAX_SEGMENTS = 64;
/** Relative tolerance for "the corner edges are perpendicular" and "the ceiling is level". */
export const RECTANGLE_TOLERANCE = 1e-6;
/** Edges shorter than this are "zero size", metres. */
export const MIN_EDGE_M = 1e-3;
/** Stable error code of every stage config failure. */
export const STAGE_CONFIG_ERROR_CODE = 'VP_ERR_STAGE_CONFIG';

/** The default fixed eye for the outer frustum: eye height at the stage origin, metres. */
export const DEFAULT_OUTER_VIEWPOINT: Readonly<Vec3> = [0, 1.7, 0];

const Vec3Schema = z.tuple([z.number(), z.number(), z.number()]); // zod numbers are finite
const Px = z.number().int().min(1).max(MAX_RESOLUTION_PX);
/** `[width, height]` of the wall's pixel canvas (what its LED processor receives), px. */
const ResolutionPx = z.tuple([Px, Px]);
const WallId = z.string().regex(WALL_ID_PATTERN, 'id must be 1-32 of a-z, 0-9 and "-", starting with a letter or digit');

/** Three corners of a rectangle, stage space, metres; the fourth is implied. */
const CornersSchema = z.strictObject({
  bottomLeft: Vec3Schema,
  bottomRight: Vec3Schema,
  topLeft: Vec3Schema,
});

const FlatWallSchema = z
  .strictObject({
    id: WallId,
    type: z.literal('flat'),
    /** Seen from the front (the side the content is viewed from). */
    corners: CornersSchema,
    resolutionPx: ResolutionPx,
  })
  .superRefine((wall, ctx) => {
    const reason = rectangleProblem(wall.corners);
    if (reason) ctx.addIssue({ code: 'custom', path: ['corners'], message: reason });
  });

const CurvedWallSchema = z
  .strictObject({
    id: WallId,
    type: z.literal('curved'),
    /** Axis of the cylinder on the floor, `[x, z]`, metres. */
    center: z.tuple([z.number(), z.number()]),
    radiusM: z.number().positive(),
    /**
     * Arc ends in the XZ plane, degrees: 0° points from the centre towards -Z (where the main
     * wall usually is), +90° towards +X; `startAngleDeg < endAngleDeg`, at most 360° apart.
     */
    startAngleDeg: z.number(),
    endAngleDeg: z.number(),
    /** Height of the wall's lower edge above the floor, metres. */
    bottomM: z.number(),
    heightM: z.number().positive(),
    /** Flat chords the arc is split into; each becomes one rectangular section. */
    segments: z.number().int().min(1).max(MAX_SEGMENTS),
    resolutionPx: ResolutionPx,
    /** `inward` (default): the LEDs face the cylinder's axis, as in a volume. `outward`: a pillar. */
    facing: z.enum(['inward', 'outward']).default('inward'),
  })
  .superRefine((wall, ctx) => {
    const spanDeg = wall.endAngleDeg - wall.startAngleDeg;
    if (!(spanDeg > 0)) ctx.addIssue({ code: 'custom', path: ['endAngleDeg'], message: 'endAngleDeg must be greater than startAngleDeg' });
    else if (spanDeg > 360) ctx.addIssue({ code: 'custom', path: ['endAngleDeg'], message: `the arc spans ${spanDeg}°, more than 360°` });
    else if (spanDeg / wall.segments >= 180)
      ctx.addIssue({ code: 'custom', path: ['segments'], message: `each segment would span ${spanDeg / wall.segments}°; use more segments (under 180° each)` });
    if (wall.resolutionPx[0] < wall.segments)
      ctx.addIssue({ code: 'custom', path: ['resolutionPx', 0], message: `width ${wall.resolutionPx[0]} px is less than one pixel per segment (${wall.segments})` });
  });

const CeilingSchema = z
  .strictObject({
    id: WallId,
    type: z.literal('ceiling'),
    /** Seen from below: `(bottomRight - bottomLeft) × (topLeft - bottomLeft)` must point down (-Y). */
    corners: CornersSchema,
    resolutionPx: ResolutionPx,
  })
  .superRefine((wall, ctx) => {
    const reason = rectangleProblem(wall.corners) ?? ceilingProblem(wall.corners);
    if (reason) ctx.addIssue({ code: 'custom', path: ['corners'], message: reason });
  });

export const WallConfigSchema = z.discriminatedUnion('type', [FlatWallSchema, CurvedWallSchema, CeilingSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? 'type must be one of "flat", "curved", "ceiling"' : undefined),
});

/** Most a camera's inner frustum may be enlarged beyond what its lens sees, %. */
export const MAX_OVERSCAN_PCT = 100;
/** Inner frustum margin when the stage does not say: room for tracking latency and lens breathing, %. */
export const DEFAULT_OVERSCAN_PCT = 15;

/** How a camera's inner frustum appears on the walls (nDisplay's per-camera ICVFX settings). */
export const InnerFrustumConfigSchema = z.strictObject({
  /** Drawn on the walls at all (the hero camera's too: a disabled hero shows only the outer frustum). */
  enabled: z.boolean().default(true),
  /** Lower is on top where frusta overlap (1 = first); default: the order cameras are listed in. */
  priority: z.number().int().min(0).max(1000).optional(),
  /** Extra size beyond the lens's field of view, %, to hide tracking latency (costs resolution). */
  overscanPct: z.number().min(0).max(MAX_OVERSCAN_PCT).default(DEFAULT_OVERSCAN_PCT),
});

export const CameraConfigSchema = z.strictObject({
  id: z.string().regex(CAMERA_ID_PATTERN, 'id must be 1-64 of A-Z, a-z, 0-9, "_", "." and "-"'),
  sensorWidthMm: z.number().positive().max(100),
  sensorHeightMm: z.number().positive().max(100),
  /** For humans: "A camera, Venice 2". */
  label: z.string().min(1).max(64).optional(),
  /** The camera's colour in the console (rig, frustum, footprint) and on wall borders, `#rrggbb`; default from a palette. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'color must be #rrggbb').optional(),
  innerFrustum: InnerFrustumConfigSchema.default({ enabled: true, overscanPct: DEFAULT_OVERSCAN_PCT }),
  /** Added to every one of this camera's tracking sources' latency offsets at start (the camera's own delay), ms. */
  latencyOffsetMs: z.number().min(-1000).max(1000).optional(),
  /** FreeD zoom/focus encoder calibration for this camera (id `freed-<camera number>`); default: the built-in table. */
  freedLensTable: FreeDLensTableSchema.optional(),
});

export const StageConfigSchema = z
  .strictObject({
    name: z.string().min(1).max(128),
    walls: z.array(WallConfigSchema).min(1),
    cameras: z.array(CameraConfigSchema).min(1),
    /** When true only the listed camera ids are accepted from tracking; unknown ids are rejected. */
    lockCameras: z.boolean().default(false),
    /** The fixed stage eye the outer frustum (lighting and reflections) is rendered from, metres. */
    outerViewpoint: Vec3Schema.default([...DEFAULT_OUTER_VIEWPOINT]),
    /**
     * LED processor and panel delay, frames: the wall emits a frame this long after its render node shows it. Measure
     * it with the pan-stop calibration (README "Delay budget"); the walls show each camera where it will be then.
     */
    displayDelayFrames: z.number().min(0).max(10).default(0),
    /** Where a camera may be moved to (AI director moves are clamped to it), metres. */
    safeVolume: z
      .strictObject({ min: Vec3Schema, max: Vec3Schema })
      .superRefine((box, ctx) => {
        for (let k = 0; k < 3; k++)
          if (!(box.min[k]! <= box.max[k]!))
            ctx.addIssue({ code: 'custom', path: ['max', k], message: `max[${k}] (${box.max[k]}) is below min[${k}] (${box.min[k]})` });
      })
      .optional(),
  })
  .superRefine((stage, ctx) => {
    reportDuplicates(stage.walls.map((w) => w.id), 'walls', 'wall', ctx);
    reportDuplicates(stage.cameras.map((c) => c.id), 'cameras', 'camera', ctx);
  });

/** What a stage file may contain (defaults still absent). */
export type StageConfigInput = z.input<typeof StageConfigSchema>;
/** A validated stage file with defaults filled in. */
export type StageConfig = z.output<typeof StageConfigSchema>;
export type WallConfig = StageConfig['walls'][number];
export type CameraConfig = StageConfig['cameras'][number];

/** One problem in a stage file: `walls[1].radiusM` and why. */
export interface StageConfigIssue {
  path: string;
  reason: string;
  /** Where in the file, 1-based (absent for configs that did not come from a file's text). */
  line?: number;
  column?: number;
}

/** A stage file that fails validation; the message names the file, the field path and the reason. */
export class StageConfigError extends Error {
  override name = 'StageConfigError';
  readonly code = STAGE_CONFIG_ERROR_CODE;
  constructor(
    /** The file (or "built-in demo stage") the config came from. */
    readonly sourceName: string,
    /** Every problem found, in document order; the message shows the first. */
    readonly issues: StageConfigIssue[],
  ) {
    const line = (i: StageConfigIssue) => `${i.line !== undefined ? `line ${i.line}, column ${i.column}: ` : ''}${i.path}: ${i.reason}`;
    // Every problem at once: fixing a file one error per start is how a first day on set is lost.
    super(
      issues.length === 0
        ? `${sourceName}: invalid stage config`
        : issues.length === 1
          ? `${sourceName}: ${line(issues[0]!)}`
          : `${sourceName}: ${issues.length} problems:\n${issues.map((i) => `  ${line(i)}`).join('\n')}`,
    );
  }
}

type Corners = z.output<typeof CornersSchema>;

/** Why the three corners are not a usable rectangle, or undefined. */
function rectangleProblem(c: Corners): string | undefined {
  const ux = c.bottomRight[0] - c.bottomLeft[0], uy = c.bottomRight[1] - c.bottomLeft[1], uz = c.bottomRight[2] - c.bottomLeft[2];
  const vx = c.topLeft[0] - c.bottomLeft[0], vy = c.topLeft[1] - c.bottomLeft[1], vz = c.topLeft[2] - c.bottomLeft[2];
  const widthM = Math.hypot(ux, uy, uz);
  const heightM = Math.hypot(vx, vy, vz);
  if (widthM < MIN_EDGE_M) return `bottomLeft and bottomRight are ${widthM} m apart; the wall needs a width`;
  if (heightM < MIN_EDGE_M) return `bottomLeft and topLeft are ${heightM} m apart; the wall needs a height`;
  const cos = (ux * vx + uy * vy + uz * vz) / (widthM * heightM);
  if (Math.abs(cos) > RECTANGLE_TOLERANCE) {
    const angleDeg = (Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI;
    return `not a rectangle: bottomLeft→bottomRight and bottomLeft→topLeft meet at ${angleDeg.toFixed(4)}°, not 90°`;
  }
  return undefined;
}

/** Why a rectangle is not a level, downward-facing ceiling, or undefined. */
function ceilingProblem(c: Corners): string | undefined {
  const dy1 = c.bottomRight[1] - c.bottomLeft[1];
  const dy2 = c.topLeft[1] - c.bottomLeft[1];
  const scale = Math.max(
    Math.hypot(c.bottomRight[0] - c.bottomLeft[0], dy1, c.bottomRight[2] - c.bottomLeft[2]),
    Math.hypot(c.topLeft[0] - c.bottomLeft[0], dy2, c.topLeft[2] - c.bottomLeft[2]),
  );
  if (Math.abs(dy1) > RECTANGLE_TOLERANCE * scale || Math.abs(dy2) > RECTANGLE_TOLERANCE * scale)
    return 'a ceiling must be level: all corners at the same height (y)';
  // y component of (bottomRight - bottomLeft) × (topLeft - bottomLeft)
  const ny = (c.bottomRight[2] - c.bottomLeft[2]) * (c.topLeft[0] - c.bottomLeft[0]) - (c.bottomRight[0] - c.bottomLeft[0]) * (c.topLeft[2] - c.bottomLeft[2]);
  if (!(ny < 0)) return 'a ceiling must face down (-Y): (bottomRight - bottomLeft) × (topLeft - bottomLeft) points up; swap bottomRight and topLeft';
  return undefined;
}

function reportDuplicates(ids: string[], list: 'walls' | 'cameras', what: string, ctx: z.RefinementCtx): void {
  const firstIndex = new Map<string, number>();
  ids.forEach((id, i) => {
    const earlier = firstIndex.get(id);
    if (earlier === undefined) firstIndex.set(id, i);
    else ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: `duplicate ${what} id "${id}" (also ${list}[${earlier}])` });
  });
}
