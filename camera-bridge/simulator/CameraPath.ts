// A smooth, believable tracked-camera path: a slow dolly across the volume with handheld sway, looking at the set.
import type { Vec3 } from '../CameraSample.ts';

export type PathStyle = 'dolly' | 'handheld';

export interface CameraPathOptions {
  style: PathStyle;
  /** Which rig: offsets phase and lane so several cameras don't overlap. */
  index: number;
  /** Peak-to-peak of the dolly travel along X, m. */
  travelM?: number;
  /** Seconds for one full dolly cycle. */
  periodS?: number;
}

/** Pose in the engine frame; angles in degrees with the OSC `/euler` convention (pan about +Y, tilt about +X, roll about +Z). */
export interface PathPose {
  position: Vec3;
  panDeg: number;
  tiltDeg: number;
  rollDeg: number;
  focalLengthMm: number;
  focusM: number;
}

/** Where the cameras look: roughly a standing subject's chest at the wall's centre line. */
const LOOK_TARGET: Vec3 = [0, 1.4, -2.5];
const RAD2DEG = 180 / Math.PI;

/** Pure: the rig's pose at `tS`. `out` is overwritten. */
export function cameraPathAt(tS: number, options: CameraPathOptions, out: PathPose): PathPose {
  const travel = options.travelM ?? 3;
  const period = options.periodS ?? 20;
  const phase = options.index * 1.7;
  const w = (2 * Math.PI) / period;
  // Dolly: sinusoidal ease across the volume (zero velocity at the ends, like a grip pushing a dolly).
  const x = (travel / 2) * Math.sin(w * tS + phase);
  const z = 3.5 + options.index * 0.8 + 0.4 * Math.sin(0.5 * w * tS + phase);
  let y = 1.5 + 0.1 * Math.sin(0.3 * w * tS);
  let swayPanDeg = 0;
  let swayTiltDeg = 0;
  let rollDeg = 0;
  if (options.style === 'handheld') {
    // Breathing (~0.25 Hz) and hand tremor (a few Hz), a few centimetres and a degree or so.
    y += 0.015 * Math.sin(2 * Math.PI * 0.25 * tS + phase) + 0.004 * Math.sin(2 * Math.PI * 3.1 * tS);
    swayPanDeg = 0.8 * Math.sin(2 * Math.PI * 0.37 * tS + phase) + 0.15 * Math.sin(2 * Math.PI * 4.3 * tS);
    swayTiltDeg = 0.5 * Math.sin(2 * Math.PI * 0.29 * tS) + 0.1 * Math.sin(2 * Math.PI * 5.1 * tS + 1);
    rollDeg = 0.6 * Math.sin(2 * Math.PI * 0.21 * tS + phase);
  }
  out.position[0] = x;
  out.position[1] = y;
  out.position[2] = z;
  // Aim at the target: pan about +Y (positive turns left), tilt about +X (positive looks up).
  const dx = LOOK_TARGET[0] - x;
  const dy = LOOK_TARGET[1] - y;
  const dz = LOOK_TARGET[2] - z;
  out.panDeg = Math.atan2(-dx, -dz) * RAD2DEG + swayPanDeg;
  out.tiltDeg = Math.atan2(dy, Math.hypot(dx, dz)) * RAD2DEG + swayTiltDeg;
  out.rollDeg = rollDeg;
  // A slow zoom breathing between 32 and 40 mm, focus on the target.
  out.focalLengthMm = 36 + 4 * Math.sin(0.25 * w * tS + phase);
  out.focusM = Math.hypot(dx, dy, dz);
  return out;
}

export function createPathPose(): PathPose {
  return { position: [0, 0, 0], panDeg: 0, tiltDeg: 0, rollDeg: 0, focalLengthMm: 35, focusM: 3 };
}
