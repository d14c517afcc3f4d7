// Binds the pure OpenTrackIO decoder to one receiver's state (segment reassembly, sequence gate, static cache) as the DatagramDecoder a UdpReceiver calls.
import type { AxisMapping } from '../AxisMapping.ts';
import type { DatagramDecoder } from '../UdpReceiver.ts';
import { cameraUpdateFromSample, DEFAULT_SOURCE_NUMBER, parseOpenTrackIoPayload, reassembleOpenTrackIoPacket } from './decodeOpenTrackIo.ts';
import type { OpenTrackIoSample } from './OpenTrackIoSample.ts';
import { SegmentReassembler, type SegmentReassemblerOptions } from './SegmentReassembler.ts';
import { MAX_OPENTRACKIO_STREAMS, SequenceGate } from './SequenceGate.ts';
import { StaticBlockCache } from './StaticBlockCache.ts';

export interface OpenTrackIoDecoderOptions extends Omit<SegmentReassemblerOptions, 'nowS'> {
  /** `sourceId:sourceNumber` streams whose sequence and static data are remembered; the least recently heard goes first. */
  maxStreams?: number;
}

/**
 * One stream of samples, as Unreal's OpenTrackIO source keys them: the sample's `sourceId` ('' when
 * absent) and `sourceNumber`. Not the sender address: a producer may send several sources from one port.
 */
export function openTrackIoStreamKey(sample: OpenTrackIoSample): string {
  return `${sample.sourceId ?? ''}:${sample.sourceNumber ?? DEFAULT_SOURCE_NUMBER}`;
}

/**
 * Per receiver socket: segments are grouped by the sender's address and port (two trackers never
 * complete each other's payloads); each whole message passes the sequence gate (duplicates and
 * stragglers dropped, see SequenceGate.ts) before its static block is cached and the last cached one
 * applied. Everything is timed by each datagram's receive time (engine clock), so an incomplete
 * message expires, and a stream's silence is measured, on the clock that stamps samples.
 */
export function createOpenTrackIoDecoder(mapping: AxisMapping, options: OpenTrackIoDecoderOptions = {}): DatagramDecoder {
  const { maxStreams = MAX_OPENTRACKIO_STREAMS, ...reassembly } = options;
  let receiveTimeS = 0;
  const reassembler = new SegmentReassembler({ ...reassembly, nowS: () => receiveTimeS });
  const gate = new SequenceGate(maxStreams);
  const statics = new StaticBlockCache(maxStreams);
  return (datagram, sender, timeS) => {
    receiveTimeS = timeS;
    const whole = reassembleOpenTrackIoPacket(datagram, reassembler, `${sender.address}:${sender.port}`);
    if (whole.ok !== true) return whole;
    const parsed = parseOpenTrackIoPayload(whole.payload, whole.encoding);
    if (!parsed.ok) return parsed;
    const sample = parsed.sample;
    const key = openTrackIoStreamKey(sample);
    // Gate first: a repeated or stale message must not overwrite the cached static block either.
    const refused = gate.admit(key, whole.sequenceNumber, sample.timing?.sampleRate, timeS);
    if (refused) return refused;
    return cameraUpdateFromSample(sample, mapping, statics.resolve(key, sample.static));
  };
}
