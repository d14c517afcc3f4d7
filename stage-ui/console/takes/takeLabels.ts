// How a take is written for people: `A001 T03`, elapsed time as timecode (HH:MM:SS:FF), durations, playback position.

/** `A001 T03`: slate, then the take number with at least two digits (as a clapper board shows it). */
export function takeLabel(slate: string, takeNumber: number): string {
  return `${slate} T${String(takeNumber).padStart(2, '0')}`;
}

/**
 * `frames` at `fps` as HH:MM:SS:FF (non-drop: a 29.97 take counts 30 frames a second, as its timecode does).
 * Frames below zero or a missing rate read as zero.
 */
export function elapsedTimecode(frames: number, fps: number): string {
  const base = Math.max(1, Math.round(fps)); // frames per timecode second
  const n = Math.max(0, Math.floor(frames));
  const ff = n % base;
  const totalS = Math.floor(n / base);
  return [Math.floor(totalS / 3600), Math.floor(totalS / 60) % 60, totalS % 60, ff].map((v) => String(v).padStart(2, '0')).join(':');
}

/** `12.4 s` under a minute, `3:07.5` above. */
export function durationLabel(durationS: number): string {
  const s = Math.max(0, durationS);
  if (s < 60) return `${s.toFixed(1)} s`;
  const rest = s % 60;
  return `${Math.floor(s / 60)}:${rest < 10 ? '0' : ''}${rest.toFixed(1)}`;
}

/** Figure space: as wide as a tabular digit, so a counter keeps its width as it counts. */
const FIGURE_SPACE = '\u2007';

/** `  7/113` for index 6 of 113 frames: 1-based (the last frame reads 113/113), padded to a constant width. */
export function playbackPosition(index: number, frameCount: number): string {
  return `${String(index + 1).padStart(String(frameCount).length, FIGURE_SPACE)}/${frameCount}`;
}
