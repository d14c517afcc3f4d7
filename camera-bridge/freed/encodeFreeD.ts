// Pure FreeD D1 encoding (FreeDRaw → 29 bytes) for the simulator and for tests.
import {
  FREED_D1_LENGTH_BYTES,
  FREED_D1_TYPE,
  FREED_UNITS_PER_DEG,
  FREED_UNITS_PER_MM,
  FreeDOffset,
  INT24_MAX,
  INT24_MIN,
  UINT16_MAX,
  UINT24_MAX,
  freedChecksum,
  writeInt24BE,
  writeUint24BE,
  type FreeDRaw,
} from './FreeDPacket.ts';

/**
 * Rounds each field to protocol units (1/32768 deg, 1/64 mm, whole encoder counts) and writes a
 * complete D1 message, checksum included, into `out` (bytes 0..28; a longer `out` keeps the rest).
 * Values that do not fit their field throw RangeError rather than clamp: a simulator sending a
 * clamped pose would look plausible and hide the bug. Angles outside the manual's nominal ±180
 * still encode when they fit 24 bits, since some heads report continuous pan.
 */
export function encodeFreeD(raw: FreeDRaw, out: Uint8Array = new Uint8Array(FREED_D1_LENGTH_BYTES)): Uint8Array {
  if (out.length < FREED_D1_LENGTH_BYTES) {
    throw new RangeError(`FreeD D1 needs ${FREED_D1_LENGTH_BYTES} bytes, out has ${out.length}`);
  }
  out[FreeDOffset.type] = FREED_D1_TYPE;
  out[FreeDOffset.cameraNumber] = toUnits('cameraNumber', raw.cameraNumber, 1, 0, 0xff);
  writeInt24BE(out, FreeDOffset.pan, toUnits('panDeg', raw.panDeg, FREED_UNITS_PER_DEG, INT24_MIN, INT24_MAX));
  writeInt24BE(out, FreeDOffset.tilt, toUnits('tiltDeg', raw.tiltDeg, FREED_UNITS_PER_DEG, INT24_MIN, INT24_MAX));
  writeInt24BE(out, FreeDOffset.roll, toUnits('rollDeg', raw.rollDeg, FREED_UNITS_PER_DEG, INT24_MIN, INT24_MAX));
  writeInt24BE(out, FreeDOffset.x, toUnits('xMm', raw.xMm, FREED_UNITS_PER_MM, INT24_MIN, INT24_MAX));
  writeInt24BE(out, FreeDOffset.y, toUnits('yMm', raw.yMm, FREED_UNITS_PER_MM, INT24_MIN, INT24_MAX));
  writeInt24BE(out, FreeDOffset.z, toUnits('zMm', raw.zMm, FREED_UNITS_PER_MM, INT24_MIN, INT24_MAX));
  writeUint24BE(out, FreeDOffset.zoom, toUnits('zoomRaw', raw.zoomRaw, 1, 0, UINT24_MAX));
  writeUint24BE(out, FreeDOffset.focus, toUnits('focusRaw', raw.focusRaw, 1, 0, UINT24_MAX));
  const user = toUnits('userRaw', raw.userRaw ?? 0, 1, 0, UINT16_MAX);
  out[FreeDOffset.user] = user >> 8;
  out[FreeDOffset.user + 1] = user & 0xff;
  out[FreeDOffset.checksum] = freedChecksum(out);
  return out;
}

/** `value * unitsPer`, rounded to the nearest unit, or a RangeError naming the field. */
function toUnits(field: string, value: number, unitsPer: number, min: number, max: number): number {
  const units = Math.round(value * unitsPer);
  if (!Number.isFinite(units) || units < min || units > max) {
    throw new RangeError(`FreeD ${field} = ${value} does not fit (${min / unitsPer}..${max / unitsPer})`);
  }
  return units;
}
