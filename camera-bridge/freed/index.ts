// Public API of the FreeD D1 adapter: pure decode/encode, per-source lens tables, and the receiver's decoder.
export {
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
export { decodeFreeDPacket, parseFreeD, type FreeDPanFollower } from './decodeFreeD.ts';
export { createFreeDDecoder } from './createFreeDDecoder.ts';
export { FREED_PAN_FIELD_SPAN_DEG, FREED_PAN_FOLLOW_GAP_S, FreeDPanUnwrapper } from './FreeDPanUnwrapper.ts';
export { encodeFreeD } from './encodeFreeD.ts';
export {
  DEFAULT_FREED_LENS_TABLE,
  FreeDLensTableSchema,
  lensFromFreeDEncoders,
  lookupLensCurve,
  type FreeDLensTable,
  type LensCurve,
} from './FreeDLensTable.ts';
