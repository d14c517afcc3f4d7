// Binds the pure FreeD D1 decoder to one receiver's state (pan followed per camera number) and its lens tables.
import type { AxisMapping } from '../AxisMapping.ts';
import type { DatagramDecoder } from '../UdpReceiver.ts';
import { decodeFreeDPacket, type FreeDPanFollower } from './decodeFreeD.ts';
import type { FreeDLensTable } from './FreeDLensTable.ts';
import { FreeDOffset } from './FreeDPacket.ts';
import { FreeDPanUnwrapper } from './FreeDPanUnwrapper.ts';

/**
 * The DatagramDecoder a FreeD UdpReceiver calls: `lensFor(cameraNumber)` picks that rig's lens table (byte 1 is
 * the camera number, read before decoding), and a continuous-turn head's pan is followed through the pan
 * field's overflow at ±256° on the receive clock (FreeDPanUnwrapper). One per receiver socket.
 */
export function createFreeDDecoder(mapping: AxisMapping, lensFor: (cameraNumber: number) => FreeDLensTable | undefined): DatagramDecoder {
  const unwrapper = new FreeDPanUnwrapper();
  let receiveTimeS = 0;
  const followPan: FreeDPanFollower = (cameraNumber, fieldPanDeg) => unwrapper.unwrap(cameraNumber, fieldPanDeg, receiveTimeS);
  return (datagram, _sender, timeS) => {
    receiveTimeS = timeS;
    return decodeFreeDPacket(datagram, mapping, lensFor(datagram[FreeDOffset.cameraNumber] ?? 0), followPan);
  };
}
