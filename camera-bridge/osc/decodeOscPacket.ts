// Pure OSC decoder: one UDP datagram (message or bundle) → camera/subject updates, or a typed rejection.
import { decode } from 'node-osc';
import type { Quat, TrackingUpdate, Vec3 } from '../CameraSample.ts';
import { RejectReason, reject, type DecodeResult } from '../DecodeResult.ts';
import { quatFromPanTiltRollYUp, quatLength } from '../math/quaternion.ts';

/** Largest datagram we parse; real pose messages are < 100 bytes, bundles of a few cameras < 2 KiB. */
export const MAX_OSC_PACKET_BYTES = 8192;
/** Bundles inside bundles: deeper than this is an attack, not a rig. */
const MAX_BUNDLE_DEPTH = 4;
const ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
// /camera/{id}/{pose|euler|lens} or /subject/{id}/position
const ADDRESS_PATTERN = /^\/(camera|subject)\/([^/]+)\/(pose|euler|lens|position)$/;

interface OscMessage {
  oscType: 'message';
  address: string;
  args: { value: unknown }[];
}
interface OscBundle {
  oscType: 'bundle';
  /** Unix seconds; 0 = "immediately". */
  timetag: number;
  elements: (OscMessage | OscBundle)[];
}

type ElementResult = TrackingUpdate | { reason: RejectReason; detail: string };

export function decodeOscPacket(buf: Buffer): DecodeResult {
  if (buf.length < 4) return reject(RejectReason.TooShort, `${buf.length} bytes`);
  if (buf.length > MAX_OSC_PACKET_BYTES) return reject(RejectReason.TooLong, `${buf.length} bytes > ${MAX_OSC_PACKET_BYTES}`);
  if (buf.length % 4 !== 0) return reject(RejectReason.Malformed, 'OSC packets are a multiple of 4 bytes');
  let packet: OscMessage | OscBundle;
  try {
    packet = decode(buf) as OscMessage | OscBundle;
  } catch (err) {
    return reject(RejectReason.Malformed, (err as Error).message);
  }
  const updates: TrackingUpdate[] = [];
  const failure = collect(packet, undefined, 0, updates);
  // A bundle is applied atomically: one bad element rejects the bundle, so cameras never get half a state.
  if (failure) return reject(failure.reason, failure.detail);
  return { ok: true, updates };
}

function collect(packet: OscMessage | OscBundle, timeUnixS: number | undefined, depth: number, out: TrackingUpdate[]): { reason: RejectReason; detail: string } | undefined {
  if (packet.oscType === 'bundle') {
    if (depth >= MAX_BUNDLE_DEPTH) return { reason: RejectReason.Malformed, detail: 'bundles nested too deep' };
    // Timetag 0 (node-osc's "immediately") inherits the enclosing time.
    const t = packet.timetag > 0 && Number.isFinite(packet.timetag) ? packet.timetag : timeUnixS;
    if (packet.elements.length === 0) return { reason: RejectReason.BadArgs, detail: 'empty bundle' };
    for (const element of packet.elements) {
      const failure = collect(element, t, depth + 1, out);
      if (failure) return failure;
    }
    return undefined;
  }
  const result = decodeMessage(packet, timeUnixS);
  if ('reason' in result) return result;
  out.push(result);
  return undefined;
}

function decodeMessage(msg: OscMessage, timeUnixS: number | undefined): ElementResult {
  const m = ADDRESS_PATTERN.exec(msg.address);
  if (!m) return { reason: RejectReason.UnknownAddress, detail: `unknown address ${msg.address.slice(0, 80)}` };
  const [, root, id = '', verb] = m;
  if (!ID_PATTERN.test(id)) return { reason: RejectReason.BadArgs, detail: 'id must be 1-64 of [A-Za-z0-9_.-]' };
  const args = numbers(msg.args);
  if (!args) return { reason: RejectReason.BadArgs, detail: `${msg.address} takes numbers only` };
  for (const a of args) if (!Number.isFinite(a)) return { reason: RejectReason.NotFinite, detail: `${msg.address} has a NaN or infinite argument` };

  if (root === 'subject') {
    if (verb !== 'position') return { reason: RejectReason.UnknownAddress, detail: `unknown address ${msg.address}` };
    if (args.length !== 3) return badCount(msg.address, 'x y z', args.length);
    return { kind: 'subject', subjectId: id, position: args as Vec3, ...(timeUnixS !== undefined && { sourceTimeUnixS: timeUnixS }) };
  }
  switch (verb) {
    case 'pose': {
      if (args.length !== 7) return badCount(msg.address, 'x y z qx qy qz qw', args.length);
      const rotation = args.slice(3) as Quat;
      const length = quatLength(rotation);
      if (Math.abs(length - 1) > 1e-3) return { reason: RejectReason.NotUnitQuaternion, detail: `|q| = ${length.toFixed(4)}` };
      return camera(id, timeUnixS, { position: args.slice(0, 3) as Vec3, rotation });
    }
    case 'euler': {
      if (args.length !== 6) return badCount(msg.address, 'x y z pan tilt roll', args.length);
      const [x = 0, y = 0, z = 0, pan = 0, tilt = 0, roll = 0] = args;
      return camera(id, timeUnixS, { position: [x, y, z], rotation: quatFromPanTiltRollYUp(pan, tilt, roll, [0, 0, 0, 1]) });
    }
    case 'lens': {
      if (args.length !== 2 && args.length !== 4) return badCount(msg.address, 'focalLengthMm sensorWidthMm [focusM iris]', args.length);
      const [focalLengthMm = 0, sensorWidthMm = 0, focusM, iris] = args;
      if (focalLengthMm <= 0 || focalLengthMm > 2000) return { reason: RejectReason.OutOfRange, detail: 'focalLengthMm must be in (0, 2000]' };
      if (sensorWidthMm <= 0 || sensorWidthMm > 100) return { reason: RejectReason.OutOfRange, detail: 'sensorWidthMm must be in (0, 100]' };
      if (focusM !== undefined && focusM <= 0) return { reason: RejectReason.OutOfRange, detail: 'focusM must be > 0' };
      if (iris !== undefined && iris <= 0) return { reason: RejectReason.OutOfRange, detail: 'iris (f-stop) must be > 0' };
      return camera(id, timeUnixS, { lens: { focalLengthMm, sensorWidthMm, ...(focusM !== undefined && { focusM, iris }) } });
    }
    default:
      return { reason: RejectReason.UnknownAddress, detail: `unknown address ${msg.address}` };
  }
}

function camera(cameraId: string, timeUnixS: number | undefined, fields: Partial<TrackingUpdate & { kind: 'camera' }>): TrackingUpdate {
  return { kind: 'camera', cameraId, ...fields, ...(timeUnixS !== undefined && { sourceTimeUnixS: timeUnixS }) };
}

function numbers(args: { value: unknown }[]): number[] | undefined {
  const out: number[] = new Array(args.length);
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (typeof v !== 'number') return undefined;
    out[i] = v;
  }
  return out;
}

function badCount(address: string, expected: string, got: number): ElementResult {
  return { reason: RejectReason.BadArgs, detail: `${address} expects ${expected}, got ${got} arguments` };
}
