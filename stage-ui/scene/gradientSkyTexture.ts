// A sky gradient (top, horizon, bottom, optional sun glow) as a small linear half-float equirectangular texture: used as
// the background (drawn at infinity, so no dome to fit inside the far plane) and as the environment PBR materials reflect.
import * as THREE from 'three';

/** Rows of the panorama (elevation -90° at row 0 to +90°); linear filtering smooths between them. */
export const SKY_TEXTURE_HEIGHT_PX = 256;
/** Columns without a sun: the gradient does not vary with azimuth. */
export const SKY_TEXTURE_NARROW_PX = 8;
/** Columns with a sun: enough for a glow a few degrees wide. */
export const SKY_TEXTURE_WIDE_PX = 512;
/** A visible sun disc is this many times brighter than the glow colour (it should clip to white). */
const SUN_DISC_GAIN = 40;

/** Colours as the scene file writes them: sRGB hex. */
export interface SkyGradient {
  top: string;
  horizon: string;
  bottom: string;
  sun?: {
    color: string;
    /** 0° towards -Z, +90° towards +X. */
    azimuthDeg: number;
    elevationDeg: number;
    glowDeg: number;
    discDeg: number;
  };
}

const _srgbTop = new THREE.Color(); // gradient stops, kept in sRGB so blends look like a colour picker's
const _srgbHorizon = new THREE.Color();
const _srgbBottom = new THREE.Color();
const _c = new THREE.Color();

/**
 * Equirect panorama as three samples one (`equirectUv`: u = atan2(z, x) / 2π + 0.5, v = asin(y) / π + 0.5; a
 * DataTexture is not flipped, so row 0 is straight down). Above the horizon it blends horizon → top with
 * `sqrt(sin elevation)` (a wide bright band); below, quickly to `bottom`; blends are in sRGB. The sun adds a round
 * glow plus a wider band along the horizon, in linear light.
 */
export function gradientSkyTexture(sky: SkyGradient): THREE.DataTexture {
  const w = sky.sun ? SKY_TEXTURE_WIDE_PX : SKY_TEXTURE_NARROW_PX;
  const h = SKY_TEXTURE_HEIGHT_PX;
  srgbOf(sky.top, _srgbTop);
  srgbOf(sky.horizon, _srgbHorizon);
  srgbOf(sky.bottom, _srgbBottom);
  const sun = sky.sun && {
    color: new THREE.Color(sky.sun.color), // linear
    dir: directionOf(sky.sun.azimuthDeg, sky.sun.elevationDeg),
    azimuth: Math.atan2(directionOf(sky.sun.azimuthDeg, 0).z, directionOf(sky.sun.azimuthDeg, 0).x),
    glow: THREE.MathUtils.degToRad(sky.sun.glowDeg),
    disc: THREE.MathUtils.degToRad(sky.sun.discDeg),
  };
  const data = new Uint16Array(w * h * 4);
  const dir = new THREE.Vector3();
  for (let row = 0; row < h; row++) {
    const elevation = ((row + 0.5) / h - 0.5) * Math.PI; // -π/2 … π/2
    const s = Math.sin(elevation);
    if (s >= 0) _c.copy(_srgbHorizon).lerp(_srgbTop, Math.sqrt(s));
    else _c.copy(_srgbHorizon).lerp(_srgbBottom, Math.min(1, Math.pow(-s, 0.4)));
    const base = new THREE.Color().setRGB(_c.r, _c.g, _c.b, THREE.SRGBColorSpace); // → linear
    for (let col = 0; col < w; col++) {
      let r = base.r, g = base.g, b = base.b;
      if (sun) {
        const phi = ((col + 0.5) / w - 0.5) * Math.PI * 2; // u → atan2(z, x)
        dir.set(Math.cos(phi) * Math.cos(elevation), s, Math.sin(phi) * Math.cos(elevation));
        const angle = dir.angleTo(sun.dir);
        const above = THREE.MathUtils.smoothstep(elevation, -0.06, 0.02); // no glow on the ground
        const dAz = Math.abs(Math.atan2(Math.sin(phi - sun.azimuth), Math.cos(phi - sun.azimuth)));
        const round = Math.exp(-((angle / sun.glow) ** 2));
        const band = 0.45 * Math.exp(-((dAz / (sun.glow * 3)) ** 2)) * Math.exp(-((Math.max(0, elevation) / 0.12) ** 2));
        let k = (round + band) * above;
        if (angle < sun.disc) k += SUN_DISC_GAIN;
        r += sun.color.r * k;
        g += sun.color.g * k;
        b += sun.color.b * k;
      }
      const i = (row * w + col) * 4;
      data[i] = THREE.DataUtils.toHalfFloat(r);
      data[i + 1] = THREE.DataUtils.toHalfFloat(g);
      data[i + 2] = THREE.DataUtils.toHalfFloat(b);
      data[i + 3] = THREE.DataUtils.toHalfFloat(1);
    }
  }
  const texture = new THREE.DataTexture(data, w, h, THREE.RGBAFormat, THREE.HalfFloatType);
  texture.mapping = THREE.EquirectangularReflectionMapping;
  texture.colorSpace = THREE.LinearSRGBColorSpace;
  texture.magFilter = THREE.LinearFilter;
  texture.minFilter = THREE.LinearFilter;
  texture.wrapS = THREE.RepeatWrapping;
  texture.generateMipmaps = false;
  texture.needsUpdate = true;
  return texture;
}

/** Unit vector towards compass `azimuthDeg` (0° = -Z, 90° = +X) at `elevationDeg`. */
export function directionOf(azimuthDeg: number, elevationDeg: number): THREE.Vector3 {
  const az = THREE.MathUtils.degToRad(azimuthDeg), el = THREE.MathUtils.degToRad(elevationDeg);
  return new THREE.Vector3(Math.sin(az) * Math.cos(el), Math.sin(el), -Math.cos(az) * Math.cos(el));
}

/** The hex colour's sRGB components in a Color (bypassing the linear conversion three applies to hex). */
function srgbOf(hex: string, out: THREE.Color): THREE.Color {
  const n = parseInt(hex.slice(1), 16);
  return out.setRGB(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255, THREE.LinearSRGBColorSpace);
}
