import { describe, expect, it } from 'vitest';
import { CAMERA_IMAGE_FAR_M, CAMERA_IMAGE_NEAR_M, cameraImageHeightPx, cameraImageOverscan, cameraImageProjection, footprintImageHeightPx } from './cameraImage.ts';

describe('camera image', () => {
  it('projects a 90° vertical, 2:1 image with 10 % overscan onto the clip square at its overscanned edges', () => {
    const m = new Array<number>(16);
    cameraImageProjection(Math.PI / 2, 2, 1.1, m);
    // tan(45°) · 1.1 = 1.1: a point at 1 m depth and 1.1 m up is at the top edge; 2.2 m right is at the right edge.
    const clip = (x: number, y: number, z: number) => {
      const w = m[3]! * x + m[7]! * y + m[11]! * z + m[15]!;
      return [(m[0]! * x + m[4]! * y + m[8]! * z + m[12]!) / w, (m[1]! * x + m[5]! * y + m[9]! * z + m[13]!) / w, (m[2]! * x + m[6]! * y + m[10]! * z + m[14]!) / w];
    };
    expect(clip(0, 1.1, -1)[1]).toBeCloseTo(1, 12);
    expect(clip(2.2, 0, -1)[0]).toBeCloseTo(1, 12);
    expect(clip(0, 0, -CAMERA_IMAGE_NEAR_M)[2]).toBeCloseTo(-1, 9);
    expect(clip(0, 0, -CAMERA_IMAGE_FAR_M)[2]).toBeCloseTo(1, 9);
  });

  it('overscan is the crew margin times the lens distortion overscan', () => {
    expect(cameraImageOverscan({ innerFrustum: { enabled: true, priority: 0, overscanPct: 20 }, lens: { focalLengthMm: 35, sensorWidthMm: 24.89, distortionOverscan: 1.05 } })).toBeCloseTo(1.26, 12);
    expect(cameraImageOverscan({ innerFrustum: { enabled: true, priority: 0, overscanPct: 0 }, lens: { focalLengthMm: 35, sensorWidthMm: 24.89 } })).toBe(1);
  });

  it('sizes the image to the footprint in section pixels: 1/2 of a 400 px tall section across its height', () => {
    // Footprint from v 0.25 to 0.75 (200 px of 400) and u 0.1 to 0.5 (160 px of 400 wide): 200 px tall, 160 / (4/3) = 120.
    const fp = [0.1, 0.25, 0.5, 0.25, 0.5, 0.75, 0.1, 0.75];
    expect(footprintImageHeightPx(fp, 400, 400, 4 / 3)).toBeCloseTo(200, 9);
    // A wide image on the same footprint needs its width's worth: 160 / 0.5 = 320.
    expect(footprintImageHeightPx(fp, 400, 400, 0.5)).toBeCloseTo(320, 9);
    expect(footprintImageHeightPx([0, 0, 1, 0, Number.NaN, 1, 0, 1], 400, 400, 1)).toBe(Infinity);
  });

  it('rounds the height up to 32 px steps, within the cap', () => {
    expect(cameraImageHeightPx(200, 1000)).toBe(224);
    expect(cameraImageHeightPx(0, 1000)).toBe(32);
    expect(cameraImageHeightPx(Infinity, 1000)).toBe(1024);
    expect(cameraImageHeightPx(5000, 176)).toBe(192);
  });
});
