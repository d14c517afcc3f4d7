// Binds the pure OpenTrackIO decoder to one receiver's reassembly state, as the DatagramDecoder a UdpReceiver calls.
import type { AxisMapping } from '../AxisMapping.ts';
import type { DatagramDecoder } from '../UdpReceiver.ts';
import { decodeOpenTrackIoPacket } from './decodeOpenTrackIo.ts';
import { SegmentReassembler, type SegmentReassemblerOptions } from './SegmentReassembler.ts';

/**
 * One reassembler per receiver socket, timed by each datagram's receive time (engine clock), so
 * an incomplete message expires on the same clock that stamps samples. Segments are grouped by
 * the sender's address and port: two trackers never complete each other's payloads.
 */
export function createOpenTrackIoDecoder(mapping: AxisMapping, options: Omit<SegmentReassemblerOptions, 'nowS'> = {}): DatagramDecoder {
  let receiveTimeS = 0;
  const reassembler = new SegmentReassembler({ ...options, nowS: () => receiveTimeS });
  return (datagram, sender, timeS) => {
    receiveTimeS = timeS;
    return decodeOpenTrackIoPacket(datagram, reassembler, `${sender.address}:${sender.port}`, mapping);
  };
}
