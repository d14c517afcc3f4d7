// Smoothstep and its slope and integral on x in [0, 1]: the blend curve of rate ramps, scrubs and adjustment layers.
//
// Trap: none of these clamp x; callers clamp where the curve must stop.

/** 3x² − 2x³: 0 → 1 with zero slope at both ends. */
export function smoothstep(x: number): number {
  return x * x * (3 - 2 * x);
}

/** d/dx smoothstep = 6x(1 − x); peak 1.5 at x = 0.5. */
export function smoothstepSlope(x: number): number {
  return 6 * x * (1 - x);
}

/** ∫₀ˣ smoothstep = x³ − x⁴/2 (0.5 at x = 1): how far a smoothstep rate ramp has carried a clock. */
export function smoothstepIntegral(x: number): number {
  const x3 = x * x * x;
  return x3 - (x3 * x) / 2;
}
