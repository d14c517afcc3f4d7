// The OpenTrackIO sample fields Vantage reads, as a zod schema checked at the door, with a stable rejection for each failure.
//
// Field names, types and ranges follow the camdkit JSON schema (SMPTE/ris-osvp-metadata-camdkit,
// src/test/resources/classic/schema.json, "$id": "https://opentrackio.org/schema.json") and the
// pydantic models it is generated from (src/main/python/camdkit/{clip,timing_types,transform_types,
// versioning_types}.py, OPENTRACKIO_PROTOCOL_VERSION = (1, 0, 1)). Every field is optional in the
// protocol ("All the fields described should be considered optional by the Consumer"), so the
// schema is too; a field that is present must have the right type and range. Fields we do not
// read are accepted and dropped (zod strips unknown keys): a producer's `custom` block or a newer
// minor version's additions never cost us a sample.
//
// Traps: sensor size lives in `static.camera.activeSensorPhysicalDimensions` (static data, sent
// every couple of seconds), not in a top-level `camera`; `sampleTimestamp` has no `attoseconds`
// any more (removed before 1.0, camdkit CHANGELOG); overscan moved from `lens.distortionOverscan`
// into each `lens.distortion[]` entry in camdkit 1.0 (PR #175), with `static.lens.distortionOverscanMax`
// as the static alternative.
import { z } from 'zod';
import { reject, RejectReason, type Rejection } from '../DecodeResult.ts';

export const OPENTRACKIO_PROTOCOL_NAME = 'OpenTrackIO';
/** The version this implementation was written against (camdkit versioning_types.py). */
export const OPENTRACKIO_PROTOCOL_VERSION = [1, 0, 1] as const;
/** Accepted [major, minor]: the published camdkit examples still say 0.9.3 (see the README: OpenTrackIO 1.0.x / 0.9.x). */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly (readonly [number, number])[] = [
  [0, 9],
  [1, 0],
];

/** Beyond these a value is a sender bug, not a stage: refused as OutOfRange. */
export const MAX_ABS_TRANSLATION_M = 10_000;
/** Angles may legitimately exceed 360 (continuous pan heads count turns); a million degrees may not. */
export const MAX_ABS_ANGLE_DEG = 1_000_000;
export const MAX_FOCAL_LENGTH_MM = 10_000;
export const MAX_F_STOP = 1_000;
export const MAX_SENSOR_DIMENSION_MM = 1_000;
/** Overscan factors are >= 1 (camdkit UnityOrGreaterFloat); a tenfold one is a sender bug. */
export const MAX_OVERSCAN = 10;
/** No lens puts its entrance pupil this far from the image plane, m. */
export const MAX_ABS_ENTRANCE_PUPIL_OFFSET_M = 10;
/** Distortion entries, and coefficients per list: bound the work one packet can cause (Brown-Conrady uses <= 6 radial, 2 tangential). */
export const MAX_DISTORTION_MODELS = 16;
export const MAX_DISTORTION_COEFFICIENTS = 32;
/** A transform chain longer than this is garbage, and bounds the work one packet can cause. */
export const MAX_TRANSFORMS = 64;
/** Source numbers 1..200; "Consumers shall discard any messages containing a Source Number of 0 or 201-255" (OpenTrackIO 1.0.1, IP Addressing). */
export const MIN_SOURCE_NUMBER = 1;
export const MAX_SOURCE_NUMBER = 200;

/** camdkit's bound on every free text field (NonBlankUTF8String: 1..1023 characters). */
const MAX_TEXT_LENGTH = 1023;
const UINT32_MAX = 4_294_967_295;
const INT32_MAX = 2_147_483_647;
const UINT48_MAX = 2 ** 48 - 1;

// zod 4's z.number() already refuses NaN and ±Infinity; parseOpenTrackIoSample reports those as NotFinite.
const int = (min: number, max: number) => z.number().int().min(min).max(max);
const translationM = z.number().min(-MAX_ABS_TRANSLATION_M).max(MAX_ABS_TRANSLATION_M);
const angleDeg = z.number().min(-MAX_ABS_ANGLE_DEG).max(MAX_ABS_ANGLE_DEG);
const text = z.string().min(1).max(MAX_TEXT_LENGTH);
const overscan = z.number().min(1).max(MAX_OVERSCAN);
const coefficients = z.array(z.number()).min(1).max(MAX_DISTORTION_COEFFICIENTS);
/** mm on the sensor; an offset beyond the largest sensor is garbage. */
const sensorOffsetMm = z.number().min(-MAX_SENSOR_DIMENSION_MM).max(MAX_SENSOR_DIMENSION_MM);

const RationalSchema = z.object({ num: int(1, INT32_MAX), denom: int(1, UINT32_MAX) });

/**
 * One link of the transform chain: metres and degrees in the Z-up, +Y-forward, right-handed frame.
 * Components are optional in camdkit's model (Vector3/Rotator3 default to None); a missing one reads as 0.
 * `scale` is accepted but not applied: the result must be a rigid camera pose.
 */
const TransformSchema = z.object({
  translation: z.object({ x: translationM.optional(), y: translationM.optional(), z: translationM.optional() }),
  rotation: z.object({ pan: angleDeg.optional(), tilt: angleDeg.optional(), roll: angleDeg.optional() }),
  id: z.string().optional(),
});

/** PTP-style timestamp. IEEE 1588 keeps nanoseconds below 10^9, stricter than the schema's uint32. */
const TimestampSchema = z.object({ seconds: int(0, UINT48_MAX), nanoseconds: int(0, 999_999_999) });

const TimecodeSchema = z.object({
  hours: int(0, 23),
  minutes: int(0, 59),
  seconds: int(0, 59),
  frames: int(0, 119),
  frameRate: RationalSchema.optional(),
  subFrame: int(0, UINT32_MAX).optional(),
  dropFrame: z.boolean().optional(),
});

const TimingSchema = z.object({
  mode: z.enum(['internal', 'external']).optional(),
  sampleTimestamp: TimestampSchema.optional(),
  sampleRate: RationalSchema.optional(),
  timecode: TimecodeSchema.optional(),
  sequenceNumber: int(0, UINT32_MAX).optional(),
});

const TrackerSchema = z.object({
  status: z.string().optional(),
  recording: z.boolean().optional(),
  slate: z.string().optional(),
  notes: z.string().optional(),
});

/**
 * One entry of `lens.distortion` (camdkit 1.0): dimensionless coefficients; `model` defaults to
 * "Brown-Conrady D-U". `radial` is required, `tangential` optional, each at least one number.
 */
const DistortionSchema = z.object({
  model: text.optional(),
  radial: coefficients,
  tangential: coefficients.optional(),
  /** How much larger the render must be for [un]distortion, >= 1. */
  overscan: overscan.optional(),
});

const LensSchema = z.object({
  /** mm, > 0 (schema exclusiveMinimum 0). */
  pinholeFocalLength: z.number().gt(0).max(MAX_FOCAL_LENGTH_MM).optional(),
  /** m, > 0. Very large values are how some systems say "infinity", so no upper bound. */
  focusDistance: z.number().gt(0).optional(),
  fStop: z.number().gt(0).max(MAX_F_STOP).optional(),
  /** Normalised 0..1 encoder positions. */
  encoders: z
    .object({ focus: z.number().min(0).max(1).optional(), iris: z.number().min(0).max(1).optional(), zoom: z.number().min(0).max(1).optional() })
    .optional(),
  distortion: z.array(DistortionSchema).min(1).max(MAX_DISTORTION_MODELS).optional(),
  /** Before camdkit 1.0 (PR #175, Feb 2025) overscan was one lens-level field; still read, the per-entry one wins. */
  distortionOverscan: overscan.optional(),
  /** m along the lens axis, positive towards the object. */
  entrancePupilOffset: z.number().min(-MAX_ABS_ENTRANCE_PUPIL_OFFSET_M).max(MAX_ABS_ENTRANCE_PUPIL_OFFSET_M).optional(),
  /** mm, centre of perspective projection relative to the sensor centre; both members required. */
  projectionOffset: z.object({ x: sensorOffsetMm, y: sensorOffsetMm }).optional(),
});

const StaticSchema = z.object({
  camera: z
    .object({
      /** mm; the schema allows 0, which we read as "not known". */
      activeSensorPhysicalDimensions: z
        .object({ width: z.number().min(0).max(MAX_SENSOR_DIMENSION_MM), height: z.number().min(0).max(MAX_SENSOR_DIMENSION_MM) })
        .optional(),
      label: text.optional(),
    })
    .optional(),
  lens: z
    .object({
      /** The static alternative to a per-sample overscan, >= 1. */
      distortionOverscanMax: overscan.optional(),
    })
    .optional(),
});

const versionDigit = int(0, 9);
const ProtocolSchema = z
  .object({ name: z.string(), version: z.tuple([versionDigit, versionDigit, versionDigit]) })
  .superRefine((p, ctx) => {
    if (p.name !== OPENTRACKIO_PROTOCOL_NAME) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: `protocol name "${p.name}" is not "${OPENTRACKIO_PROTOCOL_NAME}"` });
    }
    const [major, minor] = p.version;
    if (!SUPPORTED_PROTOCOL_VERSIONS.some(([ma, mi]) => ma === major && mi === minor)) {
      ctx.addIssue({
        code: 'custom',
        path: ['version'],
        message: `protocol version ${p.version.join('.')} is not supported (accepted: ${SUPPORTED_PROTOCOL_VERSIONS.map((v) => `${v.join('.')}.x`).join(', ')})`,
      });
    }
  });

export const OpenTrackIoSampleSchema = z.object({
  protocol: ProtocolSchema.optional(),
  sampleId: z.string().optional(),
  sourceId: z.string().optional(),
  sourceNumber: int(MIN_SOURCE_NUMBER, MAX_SOURCE_NUMBER).optional(),
  timing: TimingSchema.optional(),
  tracker: TrackerSchema.optional(),
  lens: LensSchema.optional(),
  static: StaticSchema.optional(),
  /** Composed in list order, parent first; the result is the camera sensor relative to stage origin. */
  transforms: z.array(TransformSchema).min(1).max(MAX_TRANSFORMS).optional(),
});

/** A validated sample, reduced to the fields above. */
export type OpenTrackIoSample = z.output<typeof OpenTrackIoSampleSchema>;
/** What an encoder may put on the wire for those fields (same shape: the schema has no transforms). */
export type OpenTrackIoSampleInput = z.input<typeof OpenTrackIoSampleSchema>;
export type OpenTrackIoTransform = z.output<typeof TransformSchema>;
/** The `static` block: camera and lens facts sent every couple of seconds, not every sample. */
export type OpenTrackIoStatic = z.output<typeof StaticSchema>;

export type SampleParseResult = { ok: true; sample: OpenTrackIoSample } | Rejection;

/**
 * Validates a decoded JSON/CBOR value. The first problem decides the reason: NaN or ±Infinity
 * anywhere we read → NotFinite; a number outside its range → OutOfRange; anything else (wrong
 * type, missing required member, unsupported protocol version) → Schema.
 */
export function parseOpenTrackIoSample(value: unknown): SampleParseResult {
  const result = OpenTrackIoSampleSchema.safeParse(value);
  if (result.success) return { ok: true, sample: result.data };
  const issues = result.error.issues;
  for (const issue of issues) {
    const v = valueAt(value, issue.path);
    if (typeof v === 'number' && !Number.isFinite(v)) return reject(RejectReason.NotFinite, `${pathText(issue.path)} is ${v}`);
  }
  const issue = issues[0]!;
  const where = pathText(issue.path);
  if ((issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'number') {
    return reject(RejectReason.OutOfRange, `${where}: ${issue.message}`);
  }
  return reject(RejectReason.Schema, `${where}: ${issue.message}`);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'sample' : path.map(String).join('.');
}
