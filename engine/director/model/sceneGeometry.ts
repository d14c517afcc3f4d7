// How the director's camera sees the stage: bearings, elevations, framing and the 180° line, shared by features, labels and suggestions.
import type { Vec3 } from '../../../camera-bridge/CameraSample.ts';
import { rotateVec3 } from '../../../camera-bridge/math/quaternion.ts';
import type { DirectorInput } from '../DirectorInput.ts';

/** The reference subject height behind every "fraction of frame height" in the move vocabulary, metres. */
export const SUBJECT_HEIGHT_M = 1.8;

/** A subject crossing the frame edge within this many seconds counts as leaving (lead room gone). */
export const LEAVE_HORIZON_S = 3;

/** Resolution of safe-volume travel clamps, metres. */
const SAFE_TRAVEL_STEP_M = 0.05;

/** Below this bearing rate a subject is treated as not crossing the frame, rad/s. */
const MIN_BEARING_RATE_RAD_S = 0.02;

/** The camera as the director reasons about it (all world frame, radians, metres). */
export interface CameraView {
  position: Vec3;
  /** Unit camera axes in world space: +X right, +Y up, -Z forward (the look direction). */
  right: Vec3;
  up: Vec3;
  forward: Vec3;
  /** Heading about world +Y, 0 looking along -Z, + turning left (the pan sign). */
  yawRad: number;
  /** Look direction above the horizon, + up (the tilt sign). */
  pitchRad: number;
  /** Counter-clockwise as seen by the camera, + (the roll sign). */
  rollRad: number;
  hFovRad: number;
  vFovRad: number;
  focalLengthMm: number;
  sensorHeightMm: number;
}

/** Where one point sits relative to the camera. */
export interface TargetView {
  /** Horizontal angle from the camera heading about world +Y, + left: the pan that would centre it, (-π, π]. */
  bearingRad: number;
  /** Vertical angle from the optical axis, + up: the tilt that would centre it. */
  elevationRad: number;
  distanceM: number;
  /** Distance in the floor plane, metres. */
  groundDistanceM: number;
  /** In front of the lens and inside both fields of view. */
  inFrame: boolean;
  /** Fraction of frame height a 1.8 m subject standing there fills with this lens (unclamped). */
  heightFraction: number;
}

/** How a moving point moves relative to the camera heading. */
export interface MotionView {
  /** Velocity along the camera's horizontal right axis, m/s (+ right). */
  lateralMps: number;
  /** Velocity along the floor-plane line of sight, m/s (+ away from the camera). */
  radialMps: number;
  speedMps: number;
  /** d(bearing)/dt, rad/s (+ drifting left in frame). */
  bearingRateRadS: number;
  /**
   * Signed urgency of the subject leaving the frame: ±(1 - t / LEAVE_HORIZON_S) clamped to [0, 1]
   * where t is the time until it crosses the frame edge it is heading for; + when leaving on the
   * left, - on the right, 0 when not drifting or far from the edge.
   */
  leaving: number;
}

export function createCameraView(): CameraView {
  return {
    position: [0, 0, 0],
    right: [1, 0, 0],
    up: [0, 1, 0],
    forward: [0, 0, -1],
    yawRad: 0,
    pitchRad: 0,
    rollRad: 0,
    hFovRad: 1,
    vFovRad: 1,
    focalLengthMm: 35,
    sensorHeightMm: 24,
  };
}

export function createTargetView(): TargetView {
  return { bearingRad: 0, elevationRad: 0, distanceM: 0, groundDistanceM: 0, inFrame: false, heightFraction: 0 };
}

export function createMotionView(): MotionView {
  return { lateralMps: 0, radialMps: 0, speedMps: 0, bearingRateRadS: 0, leaving: 0 };
}

const AXIS_RIGHT: Readonly<Vec3> = [1, 0, 0];
const AXIS_UP: Readonly<Vec3> = [0, 1, 0];
const AXIS_FORWARD: Readonly<Vec3> = [0, 0, -1]; // engine cameras look along their local -Z

/** Read pose and lens into `out`. */
export function readCameraView(camera: DirectorInput['camera'], out: CameraView): CameraView {
  const q = camera.rotation;
  out.position[0] = camera.position[0];
  out.position[1] = camera.position[1];
  out.position[2] = camera.position[2];
  rotateVec3(q, AXIS_RIGHT, out.right);
  rotateVec3(q, AXIS_UP, out.up);
  rotateVec3(q, AXIS_FORWARD, out.forward);
  const f = out.forward;
  out.yawRad = azimuthRad(f[0], f[2]);
  out.pitchRad = Math.asin(clamp(f[1], -1, 1));
  // For q = yaw·pitch·roll: right.y = sin(roll)·cos(pitch), up.y = cos(roll)·cos(pitch).
  out.rollRad = Math.atan2(out.right[1], out.up[1]);
  out.focalLengthMm = camera.focalLengthMm;
  out.sensorHeightMm = camera.sensorHeightMm;
  out.hFovRad = 2 * Math.atan(camera.sensorWidthMm / (2 * camera.focalLengthMm));
  out.vFovRad = 2 * Math.atan(camera.sensorHeightMm / (2 * camera.focalLengthMm));
  return out;
}

/** Where point `p` sits for camera `cam`. */
export function viewTarget(cam: CameraView, p: Readonly<Vec3>, out: TargetView): TargetView {
  const dx = p[0] - cam.position[0]; // from the camera to the point
  const dy = p[1] - cam.position[1];
  const dz = p[2] - cam.position[2];
  const xc = dx * cam.right[0] + dy * cam.right[1] + dz * cam.right[2]; // camera-frame right
  const yc = dx * cam.up[0] + dy * cam.up[1] + dz * cam.up[2]; // camera-frame up
  const zc = dx * cam.forward[0] + dy * cam.forward[1] + dz * cam.forward[2]; // depth along the optical axis
  out.distanceM = Math.hypot(dx, dy, dz);
  out.groundDistanceM = Math.hypot(dx, dz);
  out.bearingRad = out.groundDistanceM < 1e-6 ? 0 : wrapAngle(azimuthRad(dx, dz) - cam.yawRad);
  out.elevationRad = Math.atan2(yc, Math.hypot(xc, zc));
  out.inFrame =
    zc > 0.1 &&
    Math.abs(xc / zc) <= Math.tan(cam.hFovRad / 2) &&
    Math.abs(yc / zc) <= Math.tan(cam.vFovRad / 2);
  out.heightFraction = heightFractionAt(out.distanceM, cam.focalLengthMm, cam.sensorHeightMm);
  return out;
}

/** How velocity `v` at `p` (already viewed as `target`) moves in the camera's frame. */
export function viewMotion(cam: CameraView, p: Readonly<Vec3>, v: Readonly<Vec3>, target: TargetView, out: MotionView): MotionView {
  const dx = p[0] - cam.position[0];
  const dz = p[2] - cam.position[2];
  const r2 = dx * dx + dz * dz;
  const r = Math.sqrt(r2);
  // Horizontal right of the heading: R_y(yaw)·(1, 0, 0) = (cos yaw, 0, -sin yaw).
  out.lateralMps = v[0] * Math.cos(cam.yawRad) - v[2] * Math.sin(cam.yawRad);
  out.radialMps = r < 1e-6 ? 0 : (v[0] * dx + v[2] * dz) / r;
  out.speedMps = Math.hypot(v[0], v[1], v[2]);
  // bearing = atan2(-dx, -dz) - yaw, so d(bearing)/dt = (dz·vx - dx·vz) / r².
  out.bearingRateRadS = r2 < 1e-6 ? 0 : (dz * v[0] - dx * v[2]) / r2;
  out.leaving = leavingUrgency(target.bearingRad, out.bearingRateRadS, cam.hFovRad);
  return out;
}

/** See `MotionView.leaving`. */
export function leavingUrgency(bearingRad: number, bearingRateRadS: number, hFovRad: number): number {
  if (Math.abs(bearingRateRadS) < MIN_BEARING_RATE_RAD_S) return 0;
  const dir = Math.sign(bearingRateRadS);
  const remainingRad = (dir * hFovRad) / 2 - bearingRad; // to the edge it is heading for
  const t = dir * remainingRad <= 0 ? 0 : Math.abs(remainingRad / bearingRateRadS);
  return dir * clamp(1 - t / LEAVE_HORIZON_S, 0, 1);
}

/**
 * The 180° rule for two subjects a and b: how far the camera may orbit around `pivot` (a point on
 * the a–b line; their midpoint by default), counter-clockwise (the + orbit sign) and clockwise,
 * before it crosses the line through them. The two rooms add up to π; both are π/2 when the
 * camera is square-on to the line.
 */
export function orbitRoomRad(
  camera: Readonly<Vec3>,
  a: Readonly<Vec3>,
  b: Readonly<Vec3>,
  pivot?: Readonly<Vec3>,
): { ccwRad: number; cwRad: number } {
  const px = pivot ? pivot[0] : (a[0] + b[0]) / 2;
  const pz = pivot ? pivot[2] : (a[2] + b[2]) / 2;
  const lx = a[0] - b[0]; // along the line
  const lz = a[2] - b[2];
  const cx = camera[0] - px; // from the pivot to the camera
  const cz = camera[2] - pz;
  if (Math.hypot(lx, lz) < 1e-6 || Math.hypot(cx, cz) < 1e-6) return { ccwRad: Math.PI / 2, cwRad: Math.PI / 2 };
  const lineAz = orbitAzimuthRad(lx, lz);
  const camAz = orbitAzimuthRad(cx, cz);
  let ccw = (lineAz - camAz) % Math.PI; // the line leaves the pivot both ways, π apart
  if (ccw < 0) ccw += Math.PI;
  return { ccwRad: ccw, cwRad: Math.PI - ccw };
}

/** Margin kept between an orbit's end and the 180° line, radians (10°). */
export const LINE_MARGIN_RAD = 0.17;

/**
 * Clamp an orbit around `pivot` (a point on the a–b line: a subject or the pair's midpoint) so
 * that the camera stays on its side of the line, LINE_MARGIN_RAD short of it (the 180° rule).
 */
export function clampOrbitToLine(camera: Readonly<Vec3>, a: Readonly<Vec3>, b: Readonly<Vec3>, pivot: Readonly<Vec3>, angleRad: number): number {
  const room = orbitRoomRad(camera, a, b, pivot);
  const max = Math.max(0, (angleRad >= 0 ? room.ccwRad : room.cwRad) - LINE_MARGIN_RAD);
  return angleRad >= 0 ? Math.min(angleRad, max) : Math.max(angleRad, -max);
}

/**
 * Azimuth around a vertical axis that grows with a + orbit (counter-clockwise seen from above,
 * i.e. a right-handed turn about +Y): R_y(θ) maps (1, 0, 0) to (cos θ, 0, -sin θ).
 */
export function orbitAzimuthRad(dx: number, dz: number): number {
  return Math.atan2(-dz, dx);
}

/** Heading of a floor-plane direction, 0 along -Z, + towards -X (left of a camera looking along -Z). */
export function azimuthRad(dx: number, dz: number): number {
  return Math.atan2(-dx, -dz);
}

/** Fraction of frame height a 1.8 m subject fills at `distanceM` (pinhole, unclamped). */
export function heightFractionAt(distanceM: number, focalLengthMm: number, sensorHeightMm: number): number {
  return (SUBJECT_HEIGHT_M * focalLengthMm) / (Math.max(distanceM, 0.05) * sensorHeightMm);
}

/** Distance at which a 1.8 m subject fills `fraction` of frame height. */
export function distanceForHeightFraction(fraction: number, focalLengthMm: number, sensorHeightMm: number): number {
  return (SUBJECT_HEIGHT_M * focalLengthMm) / (Math.max(fraction, 0.01) * sensorHeightMm);
}

/** Angle into (-π, π]. */
export function wrapAngle(a: number): number {
  let x = a % (2 * Math.PI);
  if (x <= -Math.PI) x += 2 * Math.PI;
  else if (x > Math.PI) x -= 2 * Math.PI;
  return x;
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * Whether the camera stays inside the safe volume after moving `stepM` metres along its own
 * horizontal forward (+) / right (+) axes or straight up (+). No safe volume: always allowed.
 */
export function safeAfterStep(
  input: Pick<DirectorInput, 'safeVolume'>,
  cam: CameraView,
  forwardM: number,
  rightM: number,
  upM: number,
): boolean {
  const sv = input.safeVolume;
  if (!sv) return true;
  const s = Math.sin(cam.yawRad);
  const c = Math.cos(cam.yawRad);
  // Heading forward: (-sin yaw, 0, -cos yaw); heading right: (cos yaw, 0, -sin yaw).
  const x = cam.position[0] - s * forwardM + c * rightM;
  const y = cam.position[1] + upM;
  const z = cam.position[2] - c * forwardM - s * rightM;
  return x >= sv.min[0] && x <= sv.max[0] && y >= sv.min[1] && y <= sv.max[1] && z >= sv.min[2] && z <= sv.max[2];
}

/**
 * Largest travel in [0, maxM] along one camera-relative direction that ends inside the safe
 * volume and stays inside from where it first enters (a camera standing just outside may move
 * back in). Coarse 5 cm steps; only used to clamp proposed distances.
 */
export function safeTravelM(
  input: Pick<DirectorInput, 'safeVolume'>,
  cam: CameraView,
  dirForward: number,
  dirRight: number,
  dirUp: number,
  maxM: number,
): number {
  if (!input.safeVolume) return maxM;
  const steps = Math.floor(maxM / SAFE_TRAVEL_STEP_M + 1e-9);
  let ok = 0;
  let entered = false;
  for (let i = 1; i <= steps; i++) {
    const d = i * SAFE_TRAVEL_STEP_M;
    if (safeAfterStep(input, cam, dirForward * d, dirRight * d, dirUp * d)) {
      ok = d;
      entered = true;
    } else if (entered) return ok;
  }
  // Never left again: the full travel counts when its end is inside too.
  return safeAfterStep(input, cam, dirForward * maxM, dirRight * maxM, dirUp * maxM) ? maxM : Math.min(ok, maxM);
}
