// One camera's frames out of a take, numbered from the take's first frame: what every export format walks.
import type { TakeCameraFrame, TakeFrame, TakeManifest } from '../TakeFrame.ts';

/** One frame of the exported camera. */
export interface CameraTrackSample {
  /** `frame - manifest.firstFrame`: 0 at the take's first frame, the same number in every format. */
  index: number;
  /** SMPTE timecode of the frame, as recorded. */
  timecode: string;
  camera: TakeCameraFrame;
}

/** Stable codes for an export that cannot be made; the HTTP layer maps them to a status. */
export const TakeExportErrorCode = {
  /** The camera appears in no frame of the take. */
  NoCamera: 'VP_ERR_TAKE_EXPORT_NO_CAMERA',
  /** Frame numbers go backwards or repeat: every format needs strictly increasing time samples. */
  FrameOrder: 'VP_ERR_TAKE_EXPORT_FRAME_ORDER',
} as const;
export type TakeExportErrorCode = (typeof TakeExportErrorCode)[keyof typeof TakeExportErrorCode];

export type TakeExportError = Error & { code: TakeExportErrorCode };

/**
 * The frames where `cameraId` is present, in take order; frames without it are skipped (no sample is invented).
 * Throws a TakeExportError when the camera never appears (an empty animation is not a valid glTF or chan file,
 * and is always a wrong camera id) or when frame numbers are not strictly increasing (a corrupt take: a writer
 * bug to report, not to paper over by sorting).
 */
export function cameraTrack(manifest: TakeManifest, frames: readonly TakeFrame[], cameraId: string): CameraTrackSample[] {
  const track: CameraTrackSample[] = [];
  let previousFrame = -Infinity;
  for (const frame of frames) {
    if (!(frame.frame > previousFrame)) {
      throw takeExportError(TakeExportErrorCode.FrameOrder, `take ${manifest.id}: frame ${frame.frame} follows frame ${previousFrame}`);
    }
    previousFrame = frame.frame;
    const camera = frame.cameras.find((c) => c.id === cameraId);
    if (camera) track.push({ index: frame.frame - manifest.firstFrame, timecode: frame.timecode, camera });
  }
  if (track.length === 0) {
    throw takeExportError(TakeExportErrorCode.NoCamera, `take ${manifest.id}: camera "${cameraId}" appears in none of its ${frames.length} frames`);
  }
  return track;
}

function takeExportError(code: TakeExportErrorCode, message: string): TakeExportError {
  return Object.assign(new Error(message), { code });
}
