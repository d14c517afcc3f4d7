// Pure FreeD D1 decoding: bytes → FreeDRaw (protocol units), and bytes → engine-frame CameraUpdate.
import type { AxisMapping } from '../AxisMapping.ts';
import type { CameraUpdate, Quat, Vec3 } from '../CameraSample.ts';
import { accept, reject, RejectReason, type DecodeResult, type Rejection } from '../DecodeResult.ts';
import { quatFromPanTiltRollZUp } from '../math/quaternion.ts';
import { lensFromFreeDEncoders, type FreeDLensTable } from './FreeDLensTable.ts';
import {
  FREED_D1_LENGTH_BYTES,
  FREED_D1_TYPE,
  FREED_UNITS_PER_DEG,
  FREED_UNITS_PER_MM,
  FreeDOffset,
  freedChecksum,
  readInt24BE,
  readUint24BE,
  type FreeDRaw,
} from './FreeDPacket.ts';

const MM_PER_M = 1000;

// Reused for every decodeFreeDPacket call: the raw struct is an intermediate, not part of the result.
const _raw: FreeDRaw = {
  cameraNumber: 0,
  panDeg: 0,
  tiltDeg: 0,
  rollDeg: 0,
  xMm: 0,
  yMm: 0,
  zMm: 0,
  zoomRaw: 0,
  focusRaw: 0,
  userRaw: 0,
};

/**
 * Validates and unpacks one D1 message. Checks run cheapest first: length, type byte, checksum.
 * Unlike some receivers (Epic's LiveLinkFreeD logs a checksum mismatch and uses the packet anyway)
 * a bad checksum is a rejection: a corrupted pose would jump the LED wall for a frame.
 */
export function parseFreeD(buf: Uint8Array): FreeDRaw | Rejection {
  const bad = validateFreeD(buf);
  if (bad) return bad;
  return readFreeD(buf, {
    cameraNumber: 0,
    panDeg: 0,
    tiltDeg: 0,
    rollDeg: 0,
    xMm: 0,
    yMm: 0,
    zMm: 0,
    zoomRaw: 0,
    focusRaw: 0,
    userRaw: 0,
  });
}

/**
 * Maps a valid message's pan field to the pan to use, degrees: `FreeDPanUnwrapper.unwrap` bound to the receive
 * time, so a continuous-turn head's field overflow at ±256° does not turn the camera by 152°.
 */
export type FreeDPanFollower = (cameraNumber: number, fieldPanDeg: number) => number;

/**
 * One D1 message as a camera update `freed-<n>`: position in metres and rotation through `mapping`
 * (the engine passes the identity: FreeD's own Z-up frame, and the hub applies each source's axis
 * mapping, Z_UP_TO_Y_UP by default), raw encoders always, lens values when the source has a lens
 * table. Without `followPan` the pan field is read as is (one message alone cannot tell a counting
 * head's overflow); a receiver passes one (see createFreeDDecoder). Allocates only the update it returns.
 */
export function decodeFreeDPacket(buf: Uint8Array, mapping: AxisMapping, lens?: FreeDLensTable, followPan?: FreeDPanFollower): DecodeResult {
  const bad = validateFreeD(buf);
  if (bad) return bad;
  const raw = readFreeD(buf, _raw);
  if (followPan) raw.panDeg = followPan(raw.cameraNumber, raw.panDeg);

  const position: Vec3 = [raw.xMm / MM_PER_M, raw.yMm / MM_PER_M, raw.zMm / MM_PER_M];
  mapping.mapPosition(position, position);

  // Angles compose in FreeD's own Z-up frame first; only then is the whole rotation re-expressed
  // in engine axes, so the pan/tilt/roll conventions stay exactly as the manual defines them.
  const rotation: Quat = [0, 0, 0, 1];
  quatFromPanTiltRollZUp(raw.panDeg, raw.tiltDeg, raw.rollDeg, rotation);
  mapping.mapRotation(rotation, rotation);

  const update: CameraUpdate = {
    kind: 'camera',
    cameraId: `freed-${raw.cameraNumber}`,
    position,
    rotation,
    encoders: { zoom: raw.zoomRaw, focus: raw.focusRaw },
  };
  if (lens) update.lens = lensFromFreeDEncoders(lens, raw.zoomRaw, raw.focusRaw);
  return accept(update);
}

/** null when `buf` is a well-formed D1 message, otherwise the rejection to report. */
function validateFreeD(buf: Uint8Array): Rejection | null {
  if (buf.length !== FREED_D1_LENGTH_BYTES) {
    return reject(RejectReason.BadLength, `FreeD D1 is ${FREED_D1_LENGTH_BYTES} bytes, got ${buf.length}`);
  }
  const type = buf[FreeDOffset.type]!;
  if (type !== FREED_D1_TYPE) {
    return reject(RejectReason.BadHeader, `FreeD message type 0x${hex2(type)} is not D1`);
  }
  const expected = freedChecksum(buf);
  const got = buf[FreeDOffset.checksum]!;
  if (got !== expected) {
    return reject(RejectReason.BadChecksum, `FreeD checksum 0x${hex2(got)}, expected 0x${hex2(expected)}`);
  }
  return null;
}

/** Unpacks a validated message into `out`. */
function readFreeD(buf: Uint8Array, out: FreeDRaw): FreeDRaw {
  out.cameraNumber = buf[FreeDOffset.cameraNumber]!;
  out.panDeg = readInt24BE(buf, FreeDOffset.pan) / FREED_UNITS_PER_DEG;
  out.tiltDeg = readInt24BE(buf, FreeDOffset.tilt) / FREED_UNITS_PER_DEG;
  out.rollDeg = readInt24BE(buf, FreeDOffset.roll) / FREED_UNITS_PER_DEG;
  out.xMm = readInt24BE(buf, FreeDOffset.x) / FREED_UNITS_PER_MM;
  out.yMm = readInt24BE(buf, FreeDOffset.y) / FREED_UNITS_PER_MM;
  out.zMm = readInt24BE(buf, FreeDOffset.z) / FREED_UNITS_PER_MM;
  out.zoomRaw = readUint24BE(buf, FreeDOffset.zoom);
  out.focusRaw = readUint24BE(buf, FreeDOffset.focus);
  out.userRaw = (buf[FreeDOffset.user]! << 8) | buf[FreeDOffset.user + 1]!;
  return out;
}

function hex2(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}
