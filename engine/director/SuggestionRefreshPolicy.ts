// When the AI director asks for fresh suggestions: on a meaningful change (talent or camera moved, a move ended, a
// decision, the director asked), at most every MIN_REFRESH_INTERVAL_S and at least every MAX_SUGGESTION_AGE_S.
import type { Vec3 } from '../../camera-bridge/CameraSample.ts';
import type { DirectorInput } from './DirectorInput.ts';
import type { DirectorSubjectView } from './DirectorView.ts';

/** Never refresh more often than this, s ("a few per second" at most). */
export const MIN_REFRESH_INTERVAL_S = 0.5;
/** Refresh anyway after this long, s, so suggestions follow slow drifts. */
export const MAX_SUGGESTION_AGE_S = 10;
/** A subject moving this far since the last suggestions is a meaningful change, m. */
export const SUBJECT_MOVE_THRESHOLD_M = 0.5;
/** A camera moving this far (tracked) is a meaningful change, m. */
export const CAMERA_MOVE_THRESHOLD_M = 1;

export class SuggestionRefreshPolicy {
  /** Something changed since the shown suggestions were made. */
  dirty = true;
  /** A refresh is scheduled or running: refreshes never overlap. */
  inFlight = false;
  /** Engine time of the last finished refresh, s. */
  lastRefreshS = -Infinity;
  /** Subject and camera positions the shown suggestions were made from. */
  private readonly seenSubjects = new Map<string, Vec3>();
  private readonly seenCamera: Vec3 = [NaN, NaN, NaN];

  /** Per tick: whether to start a refresh now (the caller then sets `inFlight` until it settles). */
  due(nowS: number, subjects: readonly DirectorSubjectView[], cameraPosition: Readonly<Vec3> | undefined): boolean {
    if (!this.dirty && nowS - this.lastRefreshS > MAX_SUGGESTION_AGE_S) this.dirty = true;
    if (!this.dirty) this.dirty = this.meaningfulChange(subjects, cameraPosition);
    return this.dirty && !this.inFlight && nowS - this.lastRefreshS >= MIN_REFRESH_INTERVAL_S;
  }

  /** The suggestions now shown were made from `input`, with the camera's newest sample at `cameraPosition`. */
  remember(input: DirectorInput, cameraPosition: Readonly<Vec3> | undefined): void {
    this.seenSubjects.clear();
    for (const s of input.subjects) this.seenSubjects.set(s.id, [...s.position]);
    if (cameraPosition) for (let i = 0; i < 3; i++) this.seenCamera[i] = cameraPosition[i]!;
  }

  private meaningfulChange(subjects: readonly DirectorSubjectView[], cameraPosition: Readonly<Vec3> | undefined): boolean {
    for (const s of subjects) {
      const seen = this.seenSubjects.get(s.subjectId);
      if (!seen || distanceM(seen, s.position) > SUBJECT_MOVE_THRESHOLD_M) return true;
    }
    return cameraPosition !== undefined && !(distanceM(this.seenCamera, cameraPosition) <= CAMERA_MOVE_THRESHOLD_M);
  }
}

function distanceM(a: Readonly<Vec3>, b: Readonly<Vec3>): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
