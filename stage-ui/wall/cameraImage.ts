// A tracked camera's own image (its overscanned field of view from its eye), rendered once per frame and mapped onto
// every wall section its frustum reaches: a section pixel shows what the camera sees along the ray from the camera's
// eye through that pixel, which is exactly what the section's off-axis (Kooima) projection from the same eye shows,
// so one scene render per camera replaces one per section it touches (on software GL the scene's vertices dominate).
import type { CameraFrameWire } from '../../engine/protocol/LiveMessages.ts';

/** Near and far planes of the camera image, m (the engine's off-axis projections use the same). */
export const CAMERA_IMAGE_NEAR_M = 0.05;
export const CAMERA_IMAGE_FAR_M = 2000;
/** The image's height is a multiple of this, px, so a small change of footprint does not reallocate the target. */
export const CAMERA_IMAGE_STEP_PX = 32;

/** How much wider than the lens the camera image is: the crew's overscan times the lens distortion's own. */
export function cameraImageOverscan(camera: Pick<CameraFrameWire, 'innerFrustum' | 'lens'>): number {
  return (1 + camera.innerFrustum.overscanPct / 100) * (camera.lens.distortionOverscan ?? 1);
}

/**
 * Column-major perspective projection of the overscanned camera image (symmetric: the engine's footprint is too),
 * into `out` (16 numbers).
 */
export function cameraImageProjection(vFovRad: number, aspect: number, overscan: number, out: Float32Array | number[]): void {
  const n = CAMERA_IMAGE_NEAR_M;
  const f = CAMERA_IMAGE_FAR_M;
  const tanHalfV = Math.tan(vFovRad / 2) * overscan;
  out.fill(0);
  out[0] = 1 / (tanHalfV * aspect);
  out[5] = 1 / tanHalfV;
  out[10] = -(f + n) / (f - n);
  out[11] = -1;
  out[14] = (-2 * f * n) / (f - n);
}

/**
 * The image height that puts about one camera pixel on each wall pixel of this section the frustum covers, px: the
 * footprint's extent across the image's height (and across its width, through the aspect) in the section's pixels.
 * `footprint`: BL BR TR TL (u, v) corners; `widthPx`, `heightPx`: the section at the render scale. Infinity when
 * the footprint runs off to the horizon.
 */
export function footprintImageHeightPx(footprint: ArrayLike<number>, widthPx: number, heightPx: number, aspect: number): number {
  const across = Math.max(side(footprint, 0, 3, widthPx, heightPx), side(footprint, 1, 2, widthPx, heightPx));
  const along = Math.max(side(footprint, 0, 1, widthPx, heightPx), side(footprint, 3, 2, widthPx, heightPx));
  const px = Math.max(across, along / aspect);
  return Number.isFinite(px) ? px : Infinity;
}

/** A target height for `needPx`: rounded up to CAMERA_IMAGE_STEP_PX, within [CAMERA_IMAGE_STEP_PX, maxPx rounded up]. */
export function cameraImageHeightPx(needPx: number, maxPx: number): number {
  const step = CAMERA_IMAGE_STEP_PX;
  const ceiling = Math.max(step, Math.ceil(maxPx / step) * step);
  return Math.min(ceiling, Math.max(step, Math.ceil(Math.min(needPx, ceiling) / step) * step));
}

/** Length of the footprint edge from corner a to corner b, section px. */
function side(fp: ArrayLike<number>, a: number, b: number, widthPx: number, heightPx: number): number {
  return Math.hypot((fp[2 * b]! - fp[2 * a]!) * widthPx, (fp[2 * b + 1]! - fp[2 * a + 1]!) * heightPx);
}
