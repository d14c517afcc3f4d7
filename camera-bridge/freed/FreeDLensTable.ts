// Per-source lens table: turns FreeD's arbitrary zoom/focus encoder counts into focal length and focus distance.
import { z } from 'zod';
import type { LensSample } from '../CameraSample.ts';
import { UINT24_MAX } from './FreeDPacket.ts';

/*
 * FreeD carries zoom and focus as raw encoder counts whose meaning depends on the lens and the
 * encoder fitted to it (manual B.8/B.9: "it will be necessary for the host system to convert this").
 * A table of measured [raw, value] points, interpolated piecewise-linearly, is the usual calibration.
 * Ranges differ per vendor (Epic's LiveLinkFreeD defaults: generic/Mo-Sys 0..0xFFFF, Panasonic
 * 0x555..0xFFF, stYpe/Ncam 0..0xFFFFFF), which is why the table is per source.
 */

const RAW_COUNT_RULE = `a raw count is a whole number 0..${UINT24_MAX} (0xFFFFFF, FreeD's 24-bit field)`;
const RAW_COUNT = z.number({ error: RAW_COUNT_RULE }).int({ error: RAW_COUNT_RULE }).min(0, RAW_COUNT_RULE).max(UINT24_MAX, RAW_COUNT_RULE);

/**
 * A curve of [raw encoder count, value] points with strictly increasing raw counts. Messages name
 * the point and say what it should be, since they surface as stage-file errors
 * (`cameras[0].freedLensTable.zoom[2][0]: …`); raw counts are shown in hex too, as encoders are read.
 */
function curveSchema(curve: 'zoom' | 'focus', valueName: string, unit: string) {
  const value = z
    .number({ error: `${valueName} must be a number, ${unit}` })
    .positive({ error: (issue) => `${valueName} must be above 0 ${unit}, got ${String(issue.input)}` });
  const point = z.tuple([RAW_COUNT, value], { error: `each ${curve} point is [raw count, ${valueName} ${unit}]` });
  return z
    .array(point, { error: `${curve} must be a list of [raw count, ${valueName} ${unit}] points` })
    .min(2, `${curve} needs at least two points`)
    .superRefine((points, ctx) => {
      for (let i = 1; i < points.length; i++) {
        const raw = points[i]![0];
        const prev = points[i - 1]![0];
        if (!(raw > prev)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 0],
            message: `raw count ${hexCount(raw)} is not above the previous point's ${hexCount(prev)}; ${curve} raw counts must increase strictly`,
          });
        }
      }
    });
}

export const FreeDLensTableSchema = z.strictObject({
  /** Active sensor width the focal lengths apply to, millimetres. */
  sensorWidthMm: z
    .number({ error: (issue) => (issue.input === undefined ? 'sensorWidthMm is required: the sensor width the focal lengths apply to, mm' : 'sensorWidthMm must be a number, mm') })
    .positive('sensorWidthMm must be above 0 mm'),
  /** [zoom encoder count, focal length mm] points. */
  zoom: curveSchema('zoom', 'focal length', 'mm'),
  /** [focus encoder count, focus distance m] points; absent means the source's focus is not reported. */
  focus: curveSchema('focus', 'focus distance', 'm').optional(),
});

export type FreeDLensTable = z.infer<typeof FreeDLensTableSchema>;

/** A validated curve: at least two points, raw counts strictly increasing. */
export type LensCurve = ReadonlyArray<readonly [raw: number, value: number]>;

/**
 * Piecewise-linear lookup of `raw` on `curve`, held at the first/last value outside the
 * calibrated range — an encoder that drifts past its end stop must not extrapolate to a
 * negative focal length. Binary search: tables from a calibration run can have many points.
 */
export function lookupLensCurve(curve: LensCurve, raw: number): number {
  const last = curve.length - 1;
  const first = curve[0]!;
  const end = curve[last]!;
  if (raw <= first[0]) return first[1];
  if (raw >= end[0]) return end[1];
  let lo = 0; // curve[lo][0] < raw
  let hi = last; // curve[hi][0] >= raw
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (curve[mid]![0] < raw) lo = mid;
    else hi = mid;
  }
  const a = curve[lo]!;
  const b = curve[hi]!;
  const alpha = (raw - a[0]) / (b[0] - a[0]); // 0..1 between the two bracketing points
  return a[1] + alpha * (b[1] - a[1]);
}

/** Lens values for one packet; focus only when the table has a focus curve. */
export function lensFromFreeDEncoders(table: FreeDLensTable, zoomRaw: number, focusRaw: number): Partial<LensSample> {
  const lens: Partial<LensSample> = {
    focalLengthMm: lookupLensCurve(table.zoom, zoomRaw),
    sensorWidthMm: table.sensorWidthMm,
  };
  if (table.focus) lens.focusM = lookupLensCurve(table.focus, focusRaw);
  return lens;
}

/**
 * Stand-in until a source is calibrated: a 2/3-inch broadcast 20x box/ENG zoom, 8.5–170 mm
 * (the class of Canon KJ20x8.5B / Fujinon XA20sx8.5), on a 16-bit encoder (0..65535, the
 * generic range in Epic's LiveLinkFreeD presets).
 * - Sensor: 2/3-inch 16:9 active width 9.59 mm.
 * - Zoom: points equally spaced in log focal length (8.5 · 20^t at t = 0, ¼, ½, ¾, 1), because a
 *   zoom ring's travel is closer to proportional to log(f) than to f.
 * - Focus: 0.6 m minimum object distance up to 100 m standing in for infinity, with most of the
 *   travel spent close up, as on real focus scales (the ring is closer to linear in 1/distance).
 */
export const DEFAULT_FREED_LENS_TABLE: FreeDLensTable = FreeDLensTableSchema.parse({
  sensorWidthMm: 9.59,
  zoom: [
    [0, 8.5],
    [16384, 17.98],
    [32768, 38.01],
    [49152, 80.39],
    [65535, 170],
  ],
  focus: [
    [0, 0.6],
    [16384, 0.9],
    [32768, 1.5],
    [49152, 3],
    [57344, 6],
    [61440, 12],
    [65535, 100],
  ],
});

/** `4608 (0x1200)`: decimal as the stage file has it, hex as encoder readouts show it. */
function hexCount(raw: number): string {
  return `${raw} (0x${raw.toString(16).toUpperCase()})`;
}
