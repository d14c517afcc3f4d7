// Easing curves for camera moves: linear progress (0..1 of the duration) → eased progress, plus their slopes for speed limits.
//
// Input is clamped to [0, 1] (as CSS does), so a curve never extrapolates. Named curves are closed-form; CSS
// cubic-bezier curves are solved for t with x(t) = u by Newton's method with a bisection fallback (the WebKit /
// Chromium UnitBezier approach) and cached per control-point set, so building a move allocates, ticking it does not.
import type { Easing } from '../protocol/MoveSpec.ts';

export type EasingFunction = (u: number) => number;

/** An easing curve and its slope d(eased)/du. */
export interface EasingCurve {
  value: EasingFunction;
  slope: EasingFunction;
}

const clamp01 = (u: number): number => (u <= 0 ? 0 : u >= 1 ? 1 : u);

const LINEAR: EasingCurve = { value: clamp01, slope: () => 1 };

/** Cubic in: u³ (starts at rest, ends at speed 3). */
const EASE_IN: EasingCurve = {
  value: (u) => {
    const x = clamp01(u);
    return x * x * x;
  },
  slope: (u) => {
    const x = clamp01(u);
    return 3 * x * x;
  },
};

/** Cubic out: 1 − (1 − u)³ (starts at speed 3, ends at rest). */
const EASE_OUT: EasingCurve = {
  value: (u) => {
    const r = 1 - clamp01(u);
    return 1 - r * r * r;
  },
  slope: (u) => {
    const r = 1 - clamp01(u);
    return 3 * r * r;
  },
};

/** Smoothstep 3u² − 2u³: rest at both ends, peak speed 1.5 at u = 0.5. */
const EASE_IN_OUT: EasingCurve = {
  value: (u) => {
    const x = clamp01(u);
    return x * x * (3 - 2 * x);
  },
  slope: (u) => {
    const x = clamp01(u);
    return 6 * x * (1 - x);
  },
};

/** Smootherstep 6u⁵ − 15u⁴ + 10u³: zero velocity and acceleration at both ends, peak speed 1.875. */
const CUBIC: EasingCurve = {
  value: (u) => {
    const x = clamp01(u);
    return x * x * x * (x * (6 * x - 15) + 10);
  },
  slope: (u) => {
    const x = clamp01(u);
    const r = x * (1 - x);
    return 30 * r * r;
  },
};

/** The curve for a MoveSpec easing. */
export function easingCurve(easing: Easing): EasingCurve {
  if (typeof easing !== 'string') {
    const [x1, y1, x2, y2] = easing.bezier;
    return cubicBezierCurve(x1, y1, x2, y2);
  }
  switch (easing) {
    case 'linear':
      return LINEAR;
    case 'ease-in':
      return EASE_IN;
    case 'ease-out':
      return EASE_OUT;
    case 'ease-in-out':
      return EASE_IN_OUT;
    case 'cubic':
      return CUBIC;
  }
}

/** u (0..1, clamped) → eased progress. */
export function easingFunction(easing: Easing): EasingFunction {
  return easingCurve(easing).value;
}

/** u (0..1, clamped) → d(eased)/du. */
export function easingDerivative(easing: Easing): EasingFunction {
  return easingCurve(easing).slope;
}

/**
 * Central-difference slope of `f` at `u`, one-sided at the ends of [0, 1] (for curves without a closed-form slope
 * and as a cross-check of the ones that have one).
 */
export function numericDerivative(f: EasingFunction, u: number, h = 1e-6): number {
  const lo = Math.max(0, u - h);
  const hi = Math.min(1, u + h);
  return (f(hi) - f(lo)) / (hi - lo);
}

/** Newton steps before bisection takes over (browsers use 8). */
const NEWTON_ITERATIONS = 8;
/** |x(t) − u| accepted as solved. */
const SOLVE_EPSILON = 1e-10;
/** Below this |dx/dt| Newton would divide by ~0, so bisect instead. */
const MIN_SLOPE = 1e-7;
const BISECTION_ITERATIONS = 64;
/** Distinct beziers kept; the cache is cleared when full (a console dragging handles makes many). */
const CACHE_LIMIT = 64;

const bezierCache = new Map<string, EasingCurve>();

/**
 * CSS `cubic-bezier(x1, y1, x2, y2)` with P0 = (0, 0), P3 = (1, 1); x1, x2 in [0, 1] keep x(t) monotonic so
 * every u has one t. Cached per control-point set.
 */
export function cubicBezierCurve(x1: number, y1: number, x2: number, y2: number): EasingCurve {
  const key = `${x1},${y1},${x2},${y2}`;
  let curve = bezierCache.get(key);
  if (!curve) {
    if (bezierCache.size >= CACHE_LIMIT) bezierCache.clear();
    curve = new UnitBezier(x1, y1, x2, y2);
    bezierCache.set(key, curve);
  }
  return curve;
}

/** Polynomial coefficients as in WebKit's UnitBezier: x(t) = ((ax t + bx) t + cx) t. */
class UnitBezier implements EasingCurve {
  private readonly ax: number;
  private readonly bx: number;
  private readonly cx: number;
  private readonly ay: number;
  private readonly by: number;
  private readonly cy: number;

  constructor(x1: number, y1: number, x2: number, y2: number) {
    this.cx = 3 * x1;
    this.bx = 3 * (x2 - x1) - this.cx;
    this.ax = 1 - this.cx - this.bx;
    this.cy = 3 * y1;
    this.by = 3 * (y2 - y1) - this.cy;
    this.ay = 1 - this.cy - this.by;
  }

  readonly value = (u: number): number => {
    if (u <= 0) return 0;
    if (u >= 1) return 1;
    return this.sampleY(this.solveT(u));
  };

  readonly slope = (u: number): number => {
    const x = clamp01(u);
    const t = this.solveT(x);
    const dx = this.slopeX(t);
    if (Math.abs(dx) < MIN_SLOPE) return numericDerivative(this.value, x);
    return this.slopeY(t) / dx;
  };

  private sampleX(t: number): number {
    return ((this.ax * t + this.bx) * t + this.cx) * t;
  }

  private sampleY(t: number): number {
    return ((this.ay * t + this.by) * t + this.cy) * t;
  }

  private slopeX(t: number): number {
    return (3 * this.ax * t + 2 * this.bx) * t + this.cx;
  }

  private slopeY(t: number): number {
    return (3 * this.ay * t + 2 * this.by) * t + this.cy;
  }

  /** t in [0, 1] with x(t) = u. */
  private solveT(u: number): number {
    // Newton from t = u: quadratic convergence where the curve is not flat in x.
    let t = u;
    for (let i = 0; i < NEWTON_ITERATIONS; i++) {
      const err = this.sampleX(t) - u;
      if (Math.abs(err) < SOLVE_EPSILON) return t;
      const d = this.slopeX(t);
      if (Math.abs(d) < MIN_SLOPE) break;
      t -= err / d;
      if (t < 0 || t > 1) break; // left the curve's domain: a root out there is not ours
    }
    // Bisection: x(t) is monotonic on [0, 1], so this always converges.
    let lo = 0;
    let hi = 1;
    t = u;
    for (let i = 0; i < BISECTION_ITERATIONS; i++) {
      const x = this.sampleX(t);
      if (Math.abs(x - u) < SOLVE_EPSILON) return t;
      if (u > x) lo = t;
      else hi = t;
      t = (lo + hi) / 2;
    }
    return t;
  }
}
