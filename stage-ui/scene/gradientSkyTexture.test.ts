import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { directionOf, gradientSkyTexture, SKY_TEXTURE_HEIGHT_PX, SKY_TEXTURE_NARROW_PX, SKY_TEXTURE_WIDE_PX } from './gradientSkyTexture.ts';

/** Linear RGB of texel (col, row). */
function texel(t: THREE.DataTexture, col: number, row: number): [number, number, number] {
  const { data, width } = t.image as { data: Uint16Array; width: number };
  const i = (row * width + col) * 4;
  return [THREE.DataUtils.fromHalfFloat(data[i]!), THREE.DataUtils.fromHalfFloat(data[i + 1]!), THREE.DataUtils.fromHalfFloat(data[i + 2]!)];
}

describe('gradientSkyTexture', () => {
  it('is a linear half-float equirect panorama: bottom colour at row 0, horizon in the middle, top at the last row', () => {
    const t = gradientSkyTexture({ top: '#0000ff', horizon: '#ffffff', bottom: '#ff0000' });
    expect(t.mapping).toBe(THREE.EquirectangularReflectionMapping);
    expect(t.type).toBe(THREE.HalfFloatType);
    expect(t.colorSpace).toBe(THREE.LinearSRGBColorSpace);
    expect([t.image.width, t.image.height]).toEqual([SKY_TEXTURE_NARROW_PX, SKY_TEXTURE_HEIGHT_PX]);
    const [r0, g0, b0] = texel(t, 0, 0);
    expect(r0).toBeCloseTo(1, 2);
    expect(g0 + b0).toBeLessThan(0.02);
    const [rh, gh, bh] = texel(t, 0, SKY_TEXTURE_HEIGHT_PX / 2);
    expect(Math.min(rh, gh, bh)).toBeGreaterThan(0.75); // just above the horizon: nearly white
    const [rt, gt, bt] = texel(t, 0, SKY_TEXTURE_HEIGHT_PX - 1);
    expect(bt).toBeCloseTo(1, 2);
    expect(rt + gt).toBeLessThan(0.05);
  });

  it('blends in sRGB: halfway up the blend, a black-to-white sky is sRGB mid grey (linear ≈ 0.21), not linear 0.5', () => {
    const t = gradientSkyTexture({ top: '#ffffff', horizon: '#000000', bottom: '#000000' });
    // sqrt(sin(elevation)) = 0.5 at elevation = asin(0.25)
    const row = Math.round(((Math.asin(0.25) / Math.PI + 0.5) * SKY_TEXTURE_HEIGHT_PX) - 0.5);
    expect(texel(t, 0, row)[0]).toBeCloseTo(0.214, 1);
  });

  it('a sun glow is brightest in the sun direction, at the column three samples for it', () => {
    const t = gradientSkyTexture({ top: '#000000', horizon: '#000000', bottom: '#000000', sun: { color: '#ffffff', azimuthDeg: 30, elevationDeg: 10, glowDeg: 10, discDeg: 0 } });
    expect(t.image.width).toBe(SKY_TEXTURE_WIDE_PX);
    // three's equirectUv: u = atan(dir.z, dir.x) / 2π + 0.5, v = asin(dir.y) / π + 0.5
    const d = directionOf(30, 10);
    const col = Math.floor((Math.atan2(d.z, d.x) / (2 * Math.PI) + 0.5) * SKY_TEXTURE_WIDE_PX);
    const row = Math.floor((Math.asin(d.y) / Math.PI + 0.5) * SKY_TEXTURE_HEIGHT_PX);
    const peak = texel(t, col, row)[0];
    expect(peak).toBeGreaterThan(0.9);
    expect(texel(t, (col + SKY_TEXTURE_WIDE_PX / 2) % SKY_TEXTURE_WIDE_PX, row)[0]).toBeLessThan(0.01); // the opposite side
    expect(texel(t, col, 10)[0]).toBe(0); // no glow on the ground
  });

  it('compass directions: 0° looks down -Z, +90° down +X', () => {
    const close = (v: THREE.Vector3, expected: [number, number, number]) => expected.forEach((e, k) => expect(v.getComponent(k)).toBeCloseTo(e, 12));
    close(directionOf(0, 0), [0, 0, -1]);
    close(directionOf(90, 0), [1, 0, 0]);
    expect(directionOf(0, 90).y).toBeCloseTo(1, 12);
  });
});
