// Public API of the OpenTrackIO 1.0.1 adapter: pure decode/encode, the packet header, segment reassembly, the sample schema and per-stream receiver state.
export { fletcher16 } from './fletcher16.ts';
export {
  OTRK_HEADER_BYTES,
  OTRK_MAGIC,
  OTRK_MAX_SEGMENT_PAYLOAD_BYTES,
  OtrkEncoding,
  OtrkOffset,
  buildOtrkPacket,
  newOtrkHeader,
  otrkChecksum,
  parseOtrkHeader,
  type OtrkHeader,
} from './OtrkHeader.ts';
export {
  DEFAULT_REASSEMBLY,
  SegmentReassembler,
  type ReassembledPayload,
  type ReassemblyResult,
  type SegmentReassemblerOptions,
} from './SegmentReassembler.ts';
export {
  MAX_ABS_ANGLE_DEG,
  MAX_ABS_ENTRANCE_PUPIL_OFFSET_M,
  MAX_ABS_TRANSLATION_M,
  MAX_DISTORTION_COEFFICIENTS,
  MAX_DISTORTION_MODELS,
  MAX_FOCAL_LENGTH_MM,
  MAX_F_STOP,
  MAX_OVERSCAN,
  MAX_SENSOR_DIMENSION_MM,
  MAX_SOURCE_NUMBER,
  MAX_TRANSFORMS,
  MIN_SOURCE_NUMBER,
  OPENTRACKIO_PROTOCOL_NAME,
  OPENTRACKIO_PROTOCOL_VERSION,
  OpenTrackIoSampleSchema,
  SUPPORTED_PROTOCOL_VERSIONS,
  parseOpenTrackIoSample,
  type OpenTrackIoSample,
  type OpenTrackIoSampleInput,
  type OpenTrackIoStatic,
  type OpenTrackIoTransform,
  type SampleParseResult,
} from './OpenTrackIoSample.ts';
export {
  composeOpenTrackIoTransforms,
  openTrackIoRotationFromQuat,
  quatFromOpenTrackIoRotation,
  type PanTiltRollDeg,
} from './OpenTrackIoTransforms.ts';
export {
  DEFAULT_DISTORTION_MODEL,
  DEFAULT_SOURCE_NUMBER,
  cameraUpdateFromSample,
  decodeOpenTrackIoPacket,
  decodeOpenTrackIoPayload,
  parseOpenTrackIoPayload,
  reassembleOpenTrackIoPacket,
} from './decodeOpenTrackIo.ts';
export {
  DEFAULT_MAX_SEGMENT_PAYLOAD_BYTES,
  buildOpenTrackIoSample,
  encodeOpenTrackIoPackets,
  openTrackIoTransformFromPose,
  packetizeOpenTrackIoPayload,
  serializeOpenTrackIoSample,
  type PacketizeOptions,
} from './encodeOpenTrackIo.ts';
export { LruMap } from './LruMap.ts';
export {
  DEFAULT_SAMPLE_PERIOD_S,
  MAX_INFERRED_PERIOD_S,
  MAX_OPENTRACKIO_STREAMS,
  MIN_SAMPLE_PERIOD_S,
  SEQUENCE_RESET_PERIODS,
  SequenceGate,
  type SampleRate,
} from './SequenceGate.ts';
export { StaticBlockCache } from './StaticBlockCache.ts';
export { createOpenTrackIoDecoder, openTrackIoStreamKey, type OpenTrackIoDecoderOptions } from './createOpenTrackIoDecoder.ts';
