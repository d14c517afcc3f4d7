// Tests for the export entry point: each format's body kind, MIME type and extension, and format-name validation.
import { describe, expect, it } from 'vitest';
import { TakeExportErrorCode } from './cameraTrack.ts';
import { exportTake, isTakeExportFormat, TAKE_EXPORT_FORMATS } from './exportTake.ts';
import { buildTakeFixture, FIXTURE_CAMERA_ID } from './takeFixture.ts';

describe('exportTake', () => {
  const { manifest, frames, poses } = buildTakeFixture();

  it('names the five formats', () => {
    expect(TAKE_EXPORT_FORMATS).toEqual(['csv', 'json', 'gltf', 'usda', 'chan']);
  });

  it.each([
    ['csv', 'text/csv', '.csv', /^frame,timecode,x_m,/],
    ['json', 'application/json', '.json', /^\{"cameraId":"cam-A","manifest":/],
    ['usda', 'text/plain', '.usda', /^#usda 1\.0\n/],
    ['chan', 'text/plain', '.chan', /^0\t/],
  ] as const)('%s is text, %s, %s', (format, contentType, fileExtension, start) => {
    const out = exportTake(format, manifest, frames, FIXTURE_CAMERA_ID);
    expect(out.contentType).toBe(contentType);
    expect(out.fileExtension).toBe(fileExtension);
    expect(typeof out.body).toBe('string');
    expect(out.body as string).toMatch(start);
  });

  it('gltf is a binary GLB, model/gltf-binary, .glb', () => {
    const out = exportTake('gltf', manifest, frames, FIXTURE_CAMERA_ID);
    expect(out).toMatchObject({ contentType: 'model/gltf-binary', fileExtension: '.glb' });
    expect(out.body).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode((out.body as Uint8Array).subarray(0, 4))).toBe('glTF');
  });

  it('agrees on frame numbers across formats', () => {
    const expected = poses.map((p) => p.index);
    const csv = (exportTake('csv', manifest, frames, FIXTURE_CAMERA_ID).body as string).trimEnd().split('\n').slice(1);
    const chan = (exportTake('chan', manifest, frames, FIXTURE_CAMERA_ID).body as string).trimEnd().split('\n');
    const json = JSON.parse(exportTake('json', manifest, frames, FIXTURE_CAMERA_ID).body as string);
    expect(csv.map((row) => Number(row.split(',')[0]))).toEqual(expected);
    expect(chan.map((line) => Number(line.split('\t')[0]))).toEqual(expected);
    expect(json.samples.map((s: { timing: { sequenceNumber: number } }) => s.timing.sequenceNumber)).toEqual(expected);
  });

  it('refuses a camera that is not in the take, in every format', () => {
    for (const format of TAKE_EXPORT_FORMATS) {
      expect(() => exportTake(format, manifest, frames, 'cam-Z')).toThrow(expect.objectContaining({ code: TakeExportErrorCode.NoCamera }));
    }
  });

  it('recognises format names', () => {
    expect(isTakeExportFormat('usda')).toBe(true);
    expect(isTakeExportFormat('glb')).toBe(false);
    expect(isTakeExportFormat(undefined)).toBe(false);
  });
});
