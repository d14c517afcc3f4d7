// Pure OpenTrackIO decoding: datagram → header check → segment reassembly → JSON/CBOR → schema → engine-frame camera update.
import { decode as decodeCbor } from 'cbor2';
import type { AxisMapping } from '../AxisMapping.ts';
import type { CameraUpdate, LensSample, Quat, Vec3 } from '../CameraSample.ts';
import { accept, reject, RejectReason, type DecodeResult } from '../DecodeResult.ts';
import { composeOpenTrackIoTransforms } from './OpenTrackIoTransforms.ts';
import { MAX_ABS_TRANSLATION_M, parseOpenTrackIoSample, type OpenTrackIoSample, type OpenTrackIoStatic, type SampleParseResult } from './OpenTrackIoSample.ts';
import { newOtrkHeader, OTRK_HEADER_BYTES, OtrkEncoding, parseOtrkHeader } from './OtrkHeader.ts';
import type { ReassemblyResult, SegmentReassembler } from './SegmentReassembler.ts';

/** Camera number when a sample carries no `sourceNumber`: a lone tracker is source 1. */
export const DEFAULT_SOURCE_NUMBER = 1;
/** The model a `lens.distortion` entry without one uses (camdkit schema, `lens.distortion`). */
export const DEFAULT_DISTORTION_MODEL = 'Brown-Conrady D-U';

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
 * `otio-<sourceNumber>` or a rejection with a stable reason. Keeps no per-stream state: the
 * duplicate/sequence gate and the static cache are the receiver's (createOpenTrackIoDecoder).
 */
export function decodeOpenTrackIoPacket(
  buf: Uint8Array,
  reassembler: SegmentReassembler,
  senderKey: string,
  mapping: AxisMapping,
): DecodeResult {
  const whole = reassembleOpenTrackIoPacket(buf, reassembler, senderKey);
  if (whole.ok !== true) return whole;
  return decodeOpenTrackIoPayload(whole.payload, whole.encoding, mapping);
}

/** Header check + segment reassembly: the whole payload (with its header sequence number) once it is complete. */
export function reassembleOpenTrackIoPacket(buf: Uint8Array, reassembler: SegmentReassembler, senderKey: string): ReassemblyResult {
  const bad = parseOtrkHeader(buf, _header);
  if (bad) return bad;
  return reassembler.push(senderKey, _header, buf.subarray(OTRK_HEADER_BYTES));
}

/** A complete payload (no header) in the given encoding → camera update. */
export function decodeOpenTrackIoPayload(payload: Uint8Array, encoding: OtrkEncoding, mapping: AxisMapping): DecodeResult {
  const parsed = parseOpenTrackIoPayload(payload, encoding);
  if (!parsed.ok) return parsed;
  return cameraUpdateFromSample(parsed.sample, mapping);
}

/** A complete payload (no header) in the given encoding → validated sample. */
export function parseOpenTrackIoPayload(payload: Uint8Array, encoding: OtrkEncoding): SampleParseResult {
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
  return parseOpenTrackIoSample(value);
}

/**
 * A validated sample as an engine camera update. The transform chain is composed in OpenTrackIO's
 * own Z-up frame first and only the result is re-expressed through `mapping`, so the protocol's
 * angle conventions apply exactly as written. `statics` is the stream's static data as of this
 * sample (a receiver passes its cached block; by default the sample's own). Allocates only what it returns.
 */
export function cameraUpdateFromSample(
  sample: OpenTrackIoSample,
  mapping: AxisMapping,
  statics: Readonly<OpenTrackIoStatic> | undefined = sample.static,
): DecodeResult {
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

  const lens = lensFromSample(sample, statics);
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

function lensFromSample(sample: OpenTrackIoSample, statics: Readonly<OpenTrackIoStatic> | undefined): Partial<LensSample> | undefined {
  const l = sample.lens;
  const sensor = statics?.camera?.activeSensorPhysicalDimensions;
  let lens: Partial<LensSample> | undefined;
  if (l?.pinholeFocalLength !== undefined) (lens ??= {}).focalLengthMm = l.pinholeFocalLength;
  if (l?.focusDistance !== undefined) (lens ??= {}).focusM = l.focusDistance;
  if (l?.fStop !== undefined) (lens ??= {}).iris = l.fStop;
  if (l?.encoders?.zoom !== undefined) (lens ??= {}).zoom = l.encoders.zoom;
  // 0 is the schema's way of saying "unknown"; a zero-width sensor would make the field of view infinite.
  if (sensor && sensor.width > 0) (lens ??= {}).sensorWidthMm = sensor.width;
  if (sensor && sensor.height > 0) (lens ??= {}).sensorHeightMm = sensor.height;

  // Several entries describe one lens for different consumers; the first is used, as Unreal's source does.
  const d = l?.distortion?.[0];
  if (d) (lens ??= {}).distortion = { model: d.model ?? DEFAULT_DISTORTION_MODEL, radial: d.radial, tangential: d.tangential ?? [] };
  // The entry's own overscan, else the pre-1.0 lens-level field, else the static maximum, which the
  // schema calls "an alternative to providing dynamic overscan values each frame".
  const overscan = d?.overscan ?? l?.distortionOverscan ?? statics?.lens?.distortionOverscanMax;
  if (overscan !== undefined) (lens ??= {}).distortionOverscan = overscan;
  if (l?.entrancePupilOffset !== undefined) (lens ??= {}).entrancePupilOffsetM = l.entrancePupilOffset;
  if (l?.projectionOffset) (lens ??= {}).projectionOffsetMm = [l.projectionOffset.x, l.projectionOffset.y];
  return lens;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
