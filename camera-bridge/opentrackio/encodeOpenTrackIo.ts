// Pure OpenTrackIO encoding for the simulator and tests: engine pose → sample → JSON/CBOR bytes → headed, segmented packets.
import { encode as encodeCbor } from 'cbor2';
import type { AxisMapping } from '../AxisMapping.ts';
import type { Quat, Vec3 } from '../CameraSample.ts';
import { openTrackIoRotationFromQuat, type PanTiltRollDeg } from './OpenTrackIoTransforms.ts';
import {
  OPENTRACKIO_PROTOCOL_NAME,
  OPENTRACKIO_PROTOCOL_VERSION,
  type OpenTrackIoSampleInput,
  type OpenTrackIoTransform,
} from './OpenTrackIoSample.ts';
import { buildOtrkPacket, OTRK_HEADER_BYTES, OTRK_MAX_SEGMENT_PAYLOAD_BYTES, OtrkEncoding } from './OtrkHeader.ts';

/**
 * Payload bytes per packet so that a whole datagram fits a 1500-byte Ethernet MTU without IP
 * fragmentation: 1500 - 20 (IPv4) - 8 (UDP) - 16 (OTrk header). camdkit's reference sender uses
 * 1500 - 16 = 1484, which fragments; any value up to the 15-bit field's 32767 is valid.
 */
export const DEFAULT_MAX_SEGMENT_PAYLOAD_BYTES = 1500 - 20 - 8 - OTRK_HEADER_BYTES;

export interface PacketizeOptions {
  /** Number of the first packet, 0..65535. */
  sequenceNumber: number;
  /** Default JSON (0x01). */
  encoding?: OtrkEncoding;
  /** 1..32767; default DEFAULT_MAX_SEGMENT_PAYLOAD_BYTES. */
  maxSegmentPayloadBytes?: number;
  /**
   * 'perPacket' (default): every packet gets the next number, as camdkit's reference sender does
   * ("Every packet has a unique sequence number"), so the next message starts at
   * `sequenceNumber + packets.length`; 'perMessage': all segments share one number.
   * The reassembler accepts both.
   */
  sequencing?: 'perPacket' | 'perMessage';
}

const utf8 = new TextEncoder();

/** The sample with `protocol` set to the version this code implements, unless the caller set one. */
export function buildOpenTrackIoSample(fields: OpenTrackIoSampleInput): OpenTrackIoSampleInput {
  return { ...fields, protocol: fields.protocol ?? { name: OPENTRACKIO_PROTOCOL_NAME, version: [...OPENTRACKIO_PROTOCOL_VERSION] } };
}

/**
 * An engine-frame pose (metres, unit quaternion, Y up) as one OpenTrackIO transform in the Z-up
 * frame, by the inverse of `mapping` (the same mapping a consumer would decode with).
 */
export function openTrackIoTransformFromPose(positionM: Readonly<Vec3>, rotation: Readonly<Quat>, mapping: AxisMapping, id = 'Camera'): OpenTrackIoTransform {
  const m = mapping.matrix;
  // The mapping is a rotation, so its inverse is its transpose: source = M^T * engine.
  const unmap = (v0: number, v1: number, v2: number, out: number[]) => {
    out[0] = m[0]! * v0 + m[3]! * v1 + m[6]! * v2;
    out[1] = m[1]! * v0 + m[4]! * v1 + m[7]! * v2;
    out[2] = m[2]! * v0 + m[5]! * v1 + m[8]! * v2;
  };
  const p = [0, 0, 0];
  unmap(positionM[0], positionM[1], positionM[2], p);
  const q: Quat = [0, 0, 0, rotation[3]];
  unmap(rotation[0], rotation[1], rotation[2], q);
  const angles: PanTiltRollDeg = { pan: 0, tilt: 0, roll: 0 };
  openTrackIoRotationFromQuat(q, angles);
  return { translation: { x: p[0], y: p[1], z: p[2] }, rotation: angles, id };
}

export function serializeOpenTrackIoSample(sample: unknown, encoding: OtrkEncoding = OtrkEncoding.Json): Uint8Array {
  return encoding === OtrkEncoding.Json ? utf8.encode(JSON.stringify(sample)) : encodeCbor(sample);
}

/**
 * Splits `payload` into packets of at most `maxSegmentPayloadBytes`, each with its offset, the
 * last-segment flag on the final one only, and its checksum. An empty payload is one empty packet.
 */
export function packetizeOpenTrackIoPayload(payload: Uint8Array, options: PacketizeOptions): Uint8Array[] {
  const maxBytes = options.maxSegmentPayloadBytes ?? DEFAULT_MAX_SEGMENT_PAYLOAD_BYTES;
  if (!(Number.isInteger(maxBytes) && maxBytes >= 1 && maxBytes <= OTRK_MAX_SEGMENT_PAYLOAD_BYTES)) {
    throw new RangeError(`maxSegmentPayloadBytes ${maxBytes} must be an integer in 1..${OTRK_MAX_SEGMENT_PAYLOAD_BYTES}`);
  }
  const encoding = options.encoding ?? OtrkEncoding.Json;
  const perPacket = (options.sequencing ?? 'perPacket') === 'perPacket';
  const packets: Uint8Array[] = [];
  let seq = options.sequenceNumber;
  let offset = 0;
  do {
    const end = Math.min(offset + maxBytes, payload.length);
    packets.push(
      buildOtrkPacket(
        { encoding, sequenceNumber: seq, segmentOffsetBytes: offset, lastSegment: end === payload.length, payloadLengthBytes: end - offset },
        payload.subarray(offset, end),
      ),
    );
    if (perPacket) seq = (seq + 1) & 0xffff;
    offset = end;
  } while (offset < payload.length);
  return packets;
}

/** A sample object (see buildOpenTrackIoSample) as the datagrams to send: serialize + packetize. */
export function encodeOpenTrackIoPackets(sample: unknown, options: PacketizeOptions): Uint8Array[] {
  return packetizeOpenTrackIoPayload(serializeOpenTrackIoSample(sample, options.encoding), options);
}
