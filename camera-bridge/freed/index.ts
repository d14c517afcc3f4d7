// Public API of the FreeD D1 adapter: pure decode/encode and per-source lens tables.
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
export { decodeFreeDPacket, parseFreeD } from './decodeFreeD.ts';
export { encodeFreeD } from './encodeFreeD.ts';
export {
  DEFAULT_FREED_LENS_TABLE,
  FreeDLensTableSchema,
  lensFromFreeDEncoders,
  lookupLensCurve,
  type FreeDLensTable,
  type LensCurve,
} from './FreeDLensTable.ts';
