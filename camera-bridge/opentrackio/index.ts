// Public API of the OpenTrackIO 1.0.1 adapter: pure decode/encode, the packet header, segment reassembly and the sample schema.
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
  MAX_ABS_TRANSLATION_M,
  MAX_FOCAL_LENGTH_MM,
  MAX_F_STOP,
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
  type OpenTrackIoTransform,
  type SampleParseResult,
} from './OpenTrackIoSample.ts';
export {
  composeOpenTrackIoTransforms,
  openTrackIoRotationFromQuat,
  quatFromOpenTrackIoRotation,
  type PanTiltRollDeg,
} from './OpenTrackIoTransforms.ts';
export { DEFAULT_SOURCE_NUMBER, cameraUpdateFromSample, decodeOpenTrackIoPacket, decodeOpenTrackIoPayload } from './decodeOpenTrackIo.ts';
export {
  DEFAULT_MAX_SEGMENT_PAYLOAD_BYTES,
  buildOpenTrackIoSample,
  encodeOpenTrackIoPackets,
  openTrackIoTransformFromPose,
  packetizeOpenTrackIoPayload,
  serializeOpenTrackIoSample,
  type PacketizeOptions,
} from './encodeOpenTrackIo.ts';
export { createOpenTrackIoDecoder } from './createOpenTrackIoDecoder.ts';
