// Pure OpenTrackIO decoding: datagram → header check → segment reassembly → JSON/CBOR → schema → engine-frame camera update.
import { decode as decodeCbor } from 'cbor2';
import type { AxisMapping } from '../AxisMapping.ts';
import type { CameraUpdate, LensSample, Quat, Vec3 } from '../CameraSample.ts';
import { accept, reject, RejectReason, type DecodeResult } from '../DecodeResult.ts';
import { composeOpenTrackIoTransforms } from './OpenTrackIoTransforms.ts';
import { MAX_ABS_TRANSLATION_M, parseOpenTrackIoSample, type OpenTrackIoSample } from './OpenTrackIoSample.ts';
import { newOtrkHeader, OTRK_HEADER_BYTES, OtrkEncoding, parseOtrkHeader } from './OtrkHeader.ts';
import type { SegmentReassembler } from './SegmentReassembler.ts';

/** Camera number when a sample carries no `sourceNumber`: a lone tracker is source 1. */
export const DEFAULT_SOURCE_NUMBER = 1;

/** Nesting deeper than this is not a tracking sample; cbor2's own default (1024) is for trusted input. */
const MAX_CBOR_DEPTH = 32;

/** Thrown from inside cbor2 when a map has a key that is not a text string. */
class NonStringKeyError extends Error {}

/**
 * CBOR maps become plain objects, as JSON objects do. cbor2 would turn a map with any non-string
 * key into a JS Map, which the schema would then read as an object with none of our fields; a
 * sample never has such keys, so say so instead.
 */
const cborOptions = {
  maxDepth: MAX_CBOR_DEPTH,
  createObject: (entries: readonly (readonly [unknown, unknown, ...unknown[]])[]): unknown => {
    const obj: Record<string, unknown> = {};
    for (const [key, value] of entries) {
      if (typeof key !== 'string') throw new NonStringKeyError(`CBOR map key ${String(key)} is not a text string`);
      // defineProperty, not assignment: a "__proto__" key must stay a plain data property.
      Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return obj;
  },
};

// Header fields of the packet being decoded; the reassembler copies what it keeps.
const _header = newOtrkHeader();
// `fatal`: invalid UTF-8 is a broken payload, not something to paper over with U+FFFD.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * One datagram from `senderKey` (e.g. "10.0.0.5:40123": segments only join others from the same
 * sender). Pending while a segmented payload is incomplete; otherwise one update for camera
 * `otio-<sourceNumber>` or a rejection with a stable reason.
 */
export function decodeOpenTrackIoPacket(
  buf: Uint8Array,
  reassembler: SegmentReassembler,
  senderKey: string,
  mapping: AxisMapping,
): DecodeResult {
  const bad = parseOtrkHeader(buf, _header);
  if (bad) return bad;
  const whole = reassembler.push(senderKey, _header, buf.subarray(OTRK_HEADER_BYTES));
  if (whole.ok !== true) return whole;
  return decodeOpenTrackIoPayload(whole.payload, whole.encoding, mapping);
}

/** A complete payload (no header) in the given encoding → camera update. */
export function decodeOpenTrackIoPayload(payload: Uint8Array, encoding: OtrkEncoding, mapping: AxisMapping): DecodeResult {
  let value: unknown;
  if (encoding === OtrkEncoding.Json) {
    try {
      value = JSON.parse(utf8.decode(payload));
    } catch (err) {
      return reject(RejectReason.BadJson, `JSON payload: ${(err as Error).message}`);
    }
  } else {
    try {
      value = decodeCbor(payload, cborOptions);
    } catch (err) {
      if (err instanceof NonStringKeyError) return reject(RejectReason.Schema, err.message);
      return reject(RejectReason.Malformed, `CBOR payload: ${(err as Error).message}`);
    }
  }
  const parsed = parseOpenTrackIoSample(value);
  if (!parsed.ok) return parsed;
  return cameraUpdateFromSample(parsed.sample, mapping);
}

/**
 * A validated sample as an engine camera update. The transform chain is composed in OpenTrackIO's
 * own Z-up frame first and only the result is re-expressed through `mapping`, so the protocol's
 * angle conventions apply exactly as written. Allocates only what it returns.
 */
export function cameraUpdateFromSample(sample: OpenTrackIoSample, mapping: AxisMapping): DecodeResult {
  const update: CameraUpdate = { kind: 'camera', cameraId: `otio-${sample.sourceNumber ?? DEFAULT_SOURCE_NUMBER}` };

  if (sample.transforms) {
    const position: Vec3 = [0, 0, 0];
    const rotation: Quat = [0, 0, 0, 1];
    composeOpenTrackIoTransforms(sample.transforms, position, rotation);
    // Each link is within range, but a chain of them can still add up to somewhere absurd.
    const distanceM = Math.hypot(position[0], position[1], position[2]);
    if (distanceM > MAX_ABS_TRANSLATION_M) {
      return reject(RejectReason.OutOfRange, `composed camera position is ${distanceM.toFixed(0)} m from stage origin (limit ${MAX_ABS_TRANSLATION_M} m)`);
    }
    update.position = mapping.mapPosition(position, position);
    update.rotation = mapping.mapRotation(rotation, rotation);
  }

  const lens = lensFromSample(sample);
  if (lens) update.lens = lens;

  const ts = sample.timing?.sampleTimestamp;
  // A PTP/NTP capture instant. Producers send it on the Unix epoch (the reference sender uses
  // time.time()); a strict PTP (TAI) clock would be ~37 s ahead, which per-source latency calibration absorbs.
  if (ts) update.sourceTimeUnixS = ts.seconds + ts.nanoseconds / 1e9;

  const tc = sample.timing?.timecode;
  if (tc) update.timecode = `${pad2(tc.hours)}:${pad2(tc.minutes)}:${pad2(tc.seconds)}:${pad2(tc.frames)}`;

  const status = sample.tracker?.status;
  if (status !== undefined) update.status = status;

  // Every field is optional, but a sample with none we use would only register a camera that has nothing.
  if (!update.position && !update.lens && update.sourceTimeUnixS === undefined && !update.timecode && update.status === undefined) {
    return reject(RejectReason.Schema, 'sample has no transforms, lens, static camera, sampleTimestamp, timecode or tracker.status');
  }
  return accept(update);
}

function lensFromSample(sample: OpenTrackIoSample): Partial<LensSample> | undefined {
  const l = sample.lens;
  const sensorWidthMm = sample.static?.camera?.activeSensorPhysicalDimensions?.width;
  let lens: Partial<LensSample> | undefined;
  if (l?.pinholeFocalLength !== undefined) (lens ??= {}).focalLengthMm = l.pinholeFocalLength;
  if (l?.focusDistance !== undefined) (lens ??= {}).focusM = l.focusDistance;
  if (l?.fStop !== undefined) (lens ??= {}).iris = l.fStop;
  if (l?.encoders?.zoom !== undefined) (lens ??= {}).zoom = l.encoders.zoom;
  // 0 is the schema's way of saying "unknown"; a zero-width sensor would make the field of view infinite.
  if (sensorWidthMm !== undefined && sensorWidthMm > 0) (lens ??= {}).sensorWidthMm = sensorWidthMm;
  return lens;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
