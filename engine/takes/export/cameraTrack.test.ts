// Tests for picking one camera's frames out of a take: numbering, gaps, and the two refusals.
import { describe, expect, it } from 'vitest';
import { cameraTrack, TakeExportErrorCode } from './cameraTrack.ts';
import { buildTakeFixture, FIXTURE_CAMERA_GAP, FIXTURE_CAMERA_ID, FIXTURE_FRAME_COUNT, FIXTURE_OTHER_CAMERA_ID } from './takeFixture.ts';

describe('cameraTrack', () => {
  it('numbers frames from the take start and skips frames without the camera', () => {
    const { manifest, frames } = buildTakeFixture();
    const track = cameraTrack(manifest, frames, FIXTURE_CAMERA_ID);
    const expected = Array.from({ length: FIXTURE_FRAME_COUNT }, (_, i) => i).filter((i) => !FIXTURE_CAMERA_GAP.includes(i));
    expect(track.map((s) => s.index)).toEqual(expected);
    expect(track.every((s) => s.camera.id === FIXTURE_CAMERA_ID)).toBe(true);
    expect(track[0]!.timecode).toBe('00:00:20:00');
    expect(cameraTrack(manifest, frames, FIXTURE_OTHER_CAMERA_ID)).toHaveLength(FIXTURE_FRAME_COUNT);
  });

  it('refuses a camera that is in no frame', () => {
    const { manifest, frames } = buildTakeFixture();
    expect(() => cameraTrack(manifest, frames, 'cam-Z')).toThrow(expect.objectContaining({ code: TakeExportErrorCode.NoCamera }));
  });

  it('refuses frame numbers that repeat or go backwards', () => {
    const { manifest, frames } = buildTakeFixture();
    const repeated = [...frames.slice(0, 5), frames[4]!, ...frames.slice(5)];
    expect(() => cameraTrack(manifest, repeated, FIXTURE_CAMERA_ID)).toThrow(expect.objectContaining({ code: TakeExportErrorCode.FrameOrder }));
  });
});
