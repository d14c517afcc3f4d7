// Vertical field of view of a pinhole lens, the one every export that wants an angle (chan, glTF) derives.

/** Radians: `2 atan(sensorHeight / (2 focal))`, both in millimetres. */
export function verticalFovRad(focalLengthMm: number, sensorHeightMm: number): number {
  return 2 * Math.atan(sensorHeightMm / (2 * focalLengthMm));
}
