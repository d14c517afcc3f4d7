// Per-source (and per-receiver) health statistics: rate, inter-arrival jitter, latency, rejections by reason.
import type { RejectReason } from './DecodeResult.ts';

/** Smoothing of the running averages, as in RFC 3550's jitter estimator (gain 1/16). */
const GAIN = 1 / 16;

export class RejectCounts {
  total = 0;
  readonly byReason = new Map<RejectReason, number>();

  add(reason: RejectReason): void {
    this.total++;
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + 1);
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries(this.byReason);
  }
}

/** The newest refusal and its human-readable reason, so health says why without --verbose. */
export class LastRejection {
  reason: RejectReason | null = null;
  detail = '';
  atS = -Infinity;

  note(reason: RejectReason, detail: string, atS: number): void {
    this.reason = reason;
    this.detail = detail.length > 200 ? `${detail.slice(0, 199)}…` : detail;
    this.atS = atS;
  }

  /** `{reason, detail, ageMs}`, or null before the first refusal. */
  toJSON(nowS: number): { reason: string; detail: string; ageMs: number } | null {
    return this.reason === null ? null : { reason: this.reason, detail: this.detail, ageMs: Math.round((nowS - this.atS) * 1000) };
  }
}

export class SourceStats {
  accepted = 0;
  readonly rejected = new RejectCounts();
  readonly lastRejection = new LastRejection();

  /** Counts a refused update by reason, and keeps it as the newest. */
  reject(reason: RejectReason, detail: string, atS: number): void {
    this.rejected.add(reason);
    this.lastRejection.note(reason, detail, atS);
  }
  /** Engine time of the last good sample, s; -Infinity before the first. */
  lastSeenS = -Infinity;
  /** Running mean inter-arrival interval, s. */
  meanIntervalS = 0;
  /** Running mean |interval - mean interval|, s: the network jitter estimate. */
  jitterS = 0;
  /** Running mean sender-to-receive latency, s, when the sender timestamps its samples. */
  latencyS: number | undefined;

  /** Accepted updates that carried a pose: the samples the rate counts (an OSC bundle's lens message is not one). */
  poses = 0;
  private lastPoseS = -Infinity;

  /** `pose`: the update moved the camera; the rate and jitter are of those, `accepted` counts every update. */
  recordArrival(nowS: number, measuredLatencyS?: number, pose = true): void {
    if (pose) {
      if (this.poses > 0) {
        const interval = nowS - this.lastPoseS;
        this.meanIntervalS = this.poses === 1 ? interval : this.meanIntervalS + GAIN * (interval - this.meanIntervalS);
        this.jitterS += GAIN * (Math.abs(interval - this.meanIntervalS) - this.jitterS);
      }
      this.lastPoseS = nowS;
      this.poses++;
    }
    if (measuredLatencyS !== undefined) {
      this.latencyS = this.latencyS === undefined ? measuredLatencyS : this.latencyS + GAIN * (measuredLatencyS - this.latencyS);
    }
    this.lastSeenS = nowS;
    this.accepted++;
  }

  /** Poses per second from their mean interval; 0 until two poses arrived or once the source went quiet. */
  rateHz(nowS: number, staleTimeoutS: number): number {
    if (this.poses < 2 || this.meanIntervalS <= 0 || nowS - this.lastPoseS > staleTimeoutS) return 0;
    return 1 / this.meanIntervalS;
  }
}
