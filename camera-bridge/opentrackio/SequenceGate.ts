// Drops repeated and out-of-sequence OpenTrackIO messages per stream, by header sequence number, in bounded memory.
//
// Where the rules come from:
//   - Duplicates: "Consumers must handle identical multicast messages consistently. If a Consumer
//     receives the same message multiple times, it should process only one instance." (OpenTrackIO
//     1.0.1, Transport recommendations → UDP → IP Addressing; camdkit src/tools/python/templates/OpenTrackIO.html).
//   - Out of sequence: the spec has no rule. We follow Unreal's OpenTrackIO Live Link source
//     (Engine/Plugins/VirtualProduction/LiveLinkOpenTrackIO, `FLiveLinkOpenTrackIOCache::IsPacketInSequence`):
//     per `sourceId:sourceNumber` stream, a message whose header sequence number is behind the expected
//     one is discarded, unless more than 3 sample periods (1/timing.sampleRate, at least 1/120 s) have
//     passed since the stream's last accepted message: then "consider the sequence stream as being reset".
//     It is the 16-bit header number ("the OpenTrackIO packet's unique sequence number"), not
//     `timing.sequenceNumber`: every UDP packet has the former, the latter is optional.
// Unlike Unreal we compare wrap-aware (RFC 1982 serial arithmetic), so 65535 → 0 is a step forward,
// and we tell a repeat (Duplicate) from a late straggler (OutOfOrder) so the counters say which it was.
import { reject, RejectReason, type Rejection } from '../DecodeResult.ts';
import { LruMap } from './LruMap.ts';

/** A stream silent for more than this many sample periods may restart its numbering. */
export const SEQUENCE_RESET_PERIODS = 3;
/** Floor on the sample period (Unreal's 1/120 s): also guards a sender that claims an absurd rate. */
export const MIN_SAMPLE_PERIOD_S = 1 / 120;
/** Period assumed before a stream without `sampleRate` has shown two arrivals: 24 fps, the slowest common camera rate. */
export const DEFAULT_SAMPLE_PERIOD_S = 1 / 24;
/** Arrival gaps longer than this are pauses, not sample periods, and do not feed the inferred period, s. */
export const MAX_INFERRED_PERIOD_S = 1;
/** Streams remembered per receiver; the least recently heard goes first. */
export const MAX_OPENTRACKIO_STREAMS = 64;

/** Smoothing of the inferred period (RFC 3550's gain, as SourceStats uses). */
const GAIN = 1 / 16;
/** Sequence numbers behind the newest whose arrival we remember, to call a repeat a Duplicate. */
const RECENT_WINDOW = 32;

/** `timing.sampleRate`: samples per second as a rational. */
export interface SampleRate {
  num: number;
  denom: number;
}

interface StreamSequence {
  /** Newest header sequence number taken. */
  newestSeq: number;
  /** Bit i set: `newestSeq - i` was taken (bit 0 is `newestSeq` itself). */
  recentMask: number;
  /** Receive time of the last message taken, s. */
  lastAcceptedS: number;
  /** Smoothed gap between taken messages, s; 0 = not known yet. */
  meanIntervalS: number;
}

export class SequenceGate {
  private readonly streams: LruMap<string, StreamSequence>;

  constructor(maxStreams = MAX_OPENTRACKIO_STREAMS) {
    this.streams = new LruMap(maxStreams);
  }

  /** Streams currently remembered. */
  get trackedStreams(): number {
    return this.streams.size;
  }

  /**
   * Whether the message numbered `sequenceNumber` (its header's, 0..65535) from `streamKey`, received
   * at `nowS`, should be processed: undefined if so (and it is recorded), else the rejection.
   */
  admit(streamKey: string, sequenceNumber: number, sampleRate: Readonly<SampleRate> | undefined, nowS: number): Rejection | undefined {
    const s = this.streams.get(streamKey);
    if (!s) {
      this.streams.set(streamKey, { newestSeq: sequenceNumber, recentMask: 1, lastAcceptedS: nowS, meanIntervalS: 0 });
      return undefined;
    }
    const ahead = ((sequenceNumber - s.newestSeq + 0x8000) & 0xffff) - 0x8000; // signed distance, wrap-aware
    const elapsedS = nowS - s.lastAcceptedS;
    if (ahead > 0) {
      if (elapsedS > 0 && elapsedS <= MAX_INFERRED_PERIOD_S) {
        s.meanIntervalS = s.meanIntervalS === 0 ? elapsedS : s.meanIntervalS + GAIN * (elapsedS - s.meanIntervalS);
      }
      s.recentMask = ahead >= RECENT_WINDOW ? 1 : ((s.recentMask << ahead) | 1) >>> 0;
      s.newestSeq = sequenceNumber;
      s.lastAcceptedS = nowS;
      return undefined;
    }

    const resetAfterS = SEQUENCE_RESET_PERIODS * samplePeriodS(sampleRate, s.meanIntervalS);
    if (elapsedS > resetAfterS) {
      // Silent long enough to be a sender restart: its numbering starts over from here.
      s.newestSeq = sequenceNumber;
      s.recentMask = 1;
      s.lastAcceptedS = nowS;
      return undefined;
    }
    const behind = -ahead;
    const window = `${(elapsedS * 1000).toFixed(1)} ms after ${s.newestSeq}, restart needs > ${(resetAfterS * 1000).toFixed(1)} ms`;
    if (behind < RECENT_WINDOW && ((s.recentMask >>> behind) & 1) === 1) {
      return reject(RejectReason.Duplicate, `${streamKey}: sequence ${sequenceNumber} already processed (${window})`);
    }
    return reject(RejectReason.OutOfOrder, `${streamKey}: sequence ${sequenceNumber} is ${behind} behind (${window})`);
  }

  clear(): void {
    this.streams.clear();
  }
}

/**
 * The sender's declared period when it gives one: exact from the first message. Otherwise the
 * stream's own mean arrival gap on our clock, the same clock that measures its silence: the
 * window only has to outlast network reordering and stay shorter than a restart, and the
 * field is optional, so many senders never say.
 */
function samplePeriodS(rate: Readonly<SampleRate> | undefined, meanIntervalS: number): number {
  const periodS = rate ? rate.denom / rate.num : meanIntervalS > 0 ? meanIntervalS : DEFAULT_SAMPLE_PERIOD_S;
  return Math.max(MIN_SAMPLE_PERIOD_S, periodS);
}
