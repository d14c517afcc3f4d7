// One entry point for the take exports: a format name → the file body, its MIME type and its file extension.
import type { TakeFrame, TakeManifest } from '../TakeFrame.ts';
import { toChan } from './toChan.ts';
import { toCsv } from './toCsv.ts';
import { toGlb } from './toGlb.ts';
import { toOpenTrackIoJson } from './toOpenTrackIoJson.ts';
import { toUsda } from './toUsda.ts';

export const TAKE_EXPORT_FORMATS = ['csv', 'json', 'gltf', 'usda', 'chan'] as const;
export type TakeExportFormat = (typeof TAKE_EXPORT_FORMATS)[number];

export interface TakeExport {
  /** Text for every format but gltf, which is binary glTF (GLB). */
  body: string | Uint8Array;
  contentType: string;
  /** With the dot, ready to append to a file name: '.csv', '.glb', ... */
  fileExtension: string;
}

/** For validating a format name where it enters (an HTTP query parameter). */
export function isTakeExportFormat(value: unknown): value is TakeExportFormat {
  return (TAKE_EXPORT_FORMATS as readonly unknown[]).includes(value);
}

/**
 * `cameraId`'s final pose and lens over the take in `format`, frame numbers take-relative in every format.
 * Throws a TakeExportError (cameraTrack.ts) when the camera never appears or frames are out of order, and
 * VP_ERR_BAD_FPS when the manifest's rate is not an engine rate (all but csv and chan need the exact rate).
 */
export function exportTake(format: TakeExportFormat, manifest: TakeManifest, frames: readonly TakeFrame[], cameraId: string): TakeExport {
  switch (format) {
    case 'csv':
      return { body: toCsv(manifest, frames, cameraId), contentType: 'text/csv', fileExtension: '.csv' };
    case 'json':
      return { body: toOpenTrackIoJson(manifest, frames, cameraId), contentType: 'application/json', fileExtension: '.json' };
    case 'gltf':
      return { body: toGlb(manifest, frames, cameraId), contentType: 'model/gltf-binary', fileExtension: '.glb' };
    case 'usda':
      return { body: toUsda(manifest, frames, cameraId), contentType: 'text/plain', fileExtension: '.usda' };
    case 'chan':
      return { body: toChan(manifest, frames, cameraId), contentType: 'text/plain', fileExtension: '.chan' };
  }
}
