import { describe, expect, it } from 'vitest';
import { durationLabel, elapsedTimecode, playbackPosition, takeLabel } from './takeLabels.ts';

describe('takeLabels', () => {
  it('writes slate and take number as a clapper board does', () => {
    expect(takeLabel('A001', 3)).toBe('A001 T03');
    expect(takeLabel('B7', 112)).toBe('B7 T112');
  });

  it('turns a frame count into HH:MM:SS:FF at the take rate', () => {
    expect(elapsedTimecode(0, 50)).toBe('00:00:00:00');
    expect(elapsedTimecode(12 * 50 + 7, 50)).toBe('00:00:12:07');
    expect(elapsedTimecode(3600 * 25 + 61 * 25 + 24, 25)).toBe('01:01:01:24');
    // 29.97 counts 30 frames a timecode second.
    expect(elapsedTimecode(30, 29.97)).toBe('00:00:01:00');
    expect(elapsedTimecode(-5, 0)).toBe('00:00:00:00');
  });

  it('writes durations in seconds, or minutes past one', () => {
    expect(durationLabel(1.54)).toBe('1.5 s');
    expect(durationLabel(187.5)).toBe('3:07.5');
    expect(durationLabel(600)).toBe('10:00.0');
  });

  it('counts playback frames from 1 at a constant width', () => {
    expect(playbackPosition(6, 113)).toBe('\u2007\u20077/113');
    expect(playbackPosition(112, 113)).toBe('113/113');
  });
});
