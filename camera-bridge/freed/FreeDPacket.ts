// FreeD D1 wire format: byte offsets, protocol units, 24-bit big-endian field access and the checksum.
//
// Source of truth: Vinten Radamec "free-d Installation Manual" V1.4.4, Appendix A (A.1 checksum,
// A.3.2 D1 layout) and Appendix B (axes, units); offsets match Epic's LiveLinkFreeD plugin
// (FreeDPacketDefinition in Engine/Plugins/VirtualProduction/LiveLinkFreeD).

/** Message type byte of a D1 (camera position/orientation) message. */
export const FREED_D1_TYPE = 0xd1;

/** A D1 message is always exactly 29 bytes, checksum included. */
export const FREED_D1_LENGTH_BYTES = 29;

/** The checksum starts from 0x40 and subtracts every byte before it, modulo 256 (manual A.1). */
export const FREED_CHECKSUM_SEED = 0x40;

/** Byte offsets inside a D1 message; every multi-byte field is most-significant byte first. */
export const FreeDOffset = {
  type: 0,
  cameraNumber: 1,
  pan: 2,
  tilt: 5,
  roll: 8,
  x: 11,
  y: 14,
  z: 17,
  zoom: 20,
  focus: 23,
  /** 16-bit spare / user-defined word; vendors put iris or a frame counter here. */
  user: 26,
  checksum: 28,
} as const;

/** Angles are signed 8.15 fixed point: 1 unit = 1/32768 degree (manual B.2–B.4). */
export const FREED_UNITS_PER_DEG = 32768;

/** Positions are signed 17.6 fixed point: 1 unit = 1/64 millimetre (manual B.5–B.7). */
export const FREED_UNITS_PER_MM = 64;

export const INT24_MIN = -0x800000;
export const INT24_MAX = 0x7fffff;
export const UINT24_MAX = 0xffffff;
export const UINT16_MAX = 0xffff;

/**
 * One D1 message in protocol terms, before any axis mapping or lens table.
 * Frame: right-handed, Z up, +Y forward, +X right (manual B.1).
 */
export interface FreeDRaw {
  /** 0..255; 0xFF is the "any camera" id on messages *to* a unit, but a sender may still use it. */
  cameraNumber: number;
  /** Positive pans right (clockwise seen from above); 0 looks along +Y. Nominal range ±180. */
  panDeg: number;
  /** Positive tilts up from the horizontal XY plane. */
  tiltDeg: number;
  /** Positive rolls clockwise seen from behind the camera. */
  rollDeg: number;
  xMm: number;
  yMm: number;
  /** Height; positive is up. */
  zMm: number;
  /** Unsigned 24-bit zoom encoder count in arbitrary, lens-specific units (0..0xFFFFFF). */
  zoomRaw: number;
  /** Unsigned 24-bit focus encoder count in arbitrary, lens-specific units (0..0xFFFFFF). */
  focusRaw: number;
  /** The 16-bit spare word (bytes 26–27). Decoders always fill it; encoders treat absent as 0. */
  userRaw?: number;
}

/**
 * Signed 24-bit big-endian read. The caller guarantees `offset + 3 <= bytes.length`.
 * Shifting the three bytes to the top of an int32 and back with `>>` sign-extends bit 23
 * without a branch (0xFFFFFF → -1, 0x800000 → -8388608).
 */
export function readInt24BE(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8)) >> 8;
}

/** Unsigned 24-bit big-endian read (0..0xFFFFFF); always fits a positive int32. */
export function readUint24BE(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 16) | (bytes[offset + 1]! << 8) | bytes[offset + 2]!;
}

/** Writes the low 24 bits of `value` big-endian; two's complement falls out of the masking. */
export function writeInt24BE(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = (value >> 16) & 0xff;
  bytes[offset + 1] = (value >> 8) & 0xff;
  bytes[offset + 2] = value & 0xff;
}

/** Same bytes as the signed writer; a separate name so call sites say which field kind they mean. */
export const writeUint24BE = writeInt24BE;

/**
 * The D1 checksum: (0x40 - sum(bytes[0..27])) mod 256. Only the first 28 bytes count, so a
 * full 29-byte message can be passed as is. Note 0x40, not decimal 40 — one public decoder gets this wrong.
 */
export function freedChecksum(bytes: Uint8Array): number {
  let sum = FREED_CHECKSUM_SEED;
  for (let i = 0; i < FreeDOffset.checksum; i++) sum -= bytes[i]!;
  return sum & 0xff;
}
