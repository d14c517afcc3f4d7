// OpenTrackIO's multicast addressing: source N sends to 239.135.1.N (OpenTrackIO 1.0.1, IP Addressing).
import { MAX_SOURCE_NUMBER, MIN_SOURCE_NUMBER } from './OpenTrackIoSample.ts';

/** Administratively scoped (RFC 2365) block the spec assigns: the last octet is the source number. */
export const OPENTRACKIO_MULTICAST_PREFIX = '239.135.1.';

/** `239.135.1.<sourceNumber>`; throws RangeError outside 1..200 (0 and 201..255 must be discarded by consumers). */
export function openTrackIoGroupFor(sourceNumber: number): string {
  if (!Number.isInteger(sourceNumber) || sourceNumber < MIN_SOURCE_NUMBER || sourceNumber > MAX_SOURCE_NUMBER) {
    throw new RangeError(`OpenTrackIO source number must be an integer ${MIN_SOURCE_NUMBER}..${MAX_SOURCE_NUMBER}, got ${sourceNumber}`);
  }
  return `${OPENTRACKIO_MULTICAST_PREFIX}${sourceNumber}`;
}
