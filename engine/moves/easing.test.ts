import { describe, expect, it } from 'vitest';
import type { Easing } from '../protocol/MoveSpec.ts';
import { cubicBezierCurve, easingDerivative, easingFunction, numericDerivative } from './easing.ts';

const NAMED: Easing[] = ['linear', 'ease-in', 'ease-out', 'ease-in-out', 'cubic'];
const BEZIERS: [number, number, number, number][] = [
  [0.25, 0.1, 0.25, 1], // CSS "ease"
  [0.42, 0, 0.58, 1], // CSS "ease-in-out"
  [0, 0, 1, 1], // linear as a bezier
  [0, 0.5, 1, 0.5], // dx/dt = 0 at both ends: Newton cannot start there
  [0.68, -0.55, 0.27, 1.55], // back-in-out: overshoots, x still monotonic
];

describe('easing', () => {
  it('hand-worked values of the named curves', () => {
    expect(easingFunction('linear')(0.3)).toBe(0.3);
    expect(easingFunction('ease-in')(0.5)).toBe(0.125); // u³
    expect(easingFunction('ease-out')(0.5)).toBe(0.875); // 1 − (1 − u)³
    expect(easingFunction('ease-in-out')(0.5)).toBe(0.5); // 3u² − 2u³
    expect(easingFunction('ease-in-out')(0.25)).toBe(0.15625);
    expect(easingFunction('cubic')(0.25)).toBe(0.103515625); // 6/1024 − 15/256 + 10/64
    expect(easingFunction('cubic')(0.5)).toBe(0.5);
  });

  it('every curve starts at 0 and ends at 1, and clamps outside [0, 1]', () => {
    const all: Easing[] = [...NAMED, ...BEZIERS.map((b) => ({ bezier: b }))];
    for (const e of all) {
      const f = easingFunction(e);
      expect(f(0)).toBe(0);
      expect(f(1)).toBe(1);
      expect(f(-0.5)).toBe(0);
      expect(f(1.5)).toBe(1);
    }
  });

  it('CSS "ease" at 0.5 is 0.8024 as in browsers; symmetric ease-in-out bezier is 0.5 at 0.5', () => {
    expect(easingFunction({ bezier: [0.25, 0.1, 0.25, 1] })(0.5)).toBeCloseTo(0.8024033877, 8);
    expect(easingFunction({ bezier: [0.42, 0, 0.58, 1] })(0.5)).toBeCloseTo(0.5, 10);
    expect(easingFunction({ bezier: [0, 0, 1, 1] })(0.37)).toBeCloseTo(0.37, 10);
  });

  it('solves the flat-ended bezier by bisection: (0, .5, 1, .5) has x = smoothstep(t), y = 1.5t − 1.5t² + t³', () => {
    const f = easingFunction({ bezier: [0, 0.5, 1, 0.5] });
    // u = 0.15625 is x at t = 0.25; y(0.25) = 0.375 − 0.09375 + 0.015625.
    expect(f(0.15625)).toBeCloseTo(0.296875, 8);
  });

  it('named curves and beziers with x1, x2 in [0, 1] and y in [0, 1] are monotonic', () => {
    for (const e of [...NAMED, ...BEZIERS.slice(0, 4).map((b) => ({ bezier: b }))]) {
      const f = easingFunction(e);
      let prev = 0;
      let worstStep = Infinity;
      for (let i = 1; i <= 1000; i++) {
        const y = f(i / 1000);
        worstStep = Math.min(worstStep, y - prev);
        prev = y;
      }
      expect(worstStep).toBeGreaterThanOrEqual(-1e-12);
    }
  });

  it('closed-form slopes match numeric ones (peak speeds 1.5 and 1.875 for the S curves)', () => {
    expect(easingDerivative('ease-in-out')(0.5)).toBe(1.5);
    expect(easingDerivative('cubic')(0.5)).toBe(1.875);
    expect(easingDerivative('cubic')(0)).toBe(0);
    const all: Easing[] = [...NAMED, ...BEZIERS.slice(0, 2).map((b) => ({ bezier: b }))];
    for (const e of all) {
      const f = easingFunction(e);
      const df = easingDerivative(e);
      for (const u of [0.1, 0.33, 0.5, 0.77, 0.9]) expect(df(u)).toBeCloseTo(numericDerivative(f, u), 4);
    }
  });

  it('caches one solver per bezier', () => {
    expect(cubicBezierCurve(0.1, 0.2, 0.3, 0.4)).toBe(cubicBezierCurve(0.1, 0.2, 0.3, 0.4));
    expect(easingFunction({ bezier: [0.1, 0.2, 0.3, 0.4] })).toBe(easingFunction({ bezier: [0.1, 0.2, 0.3, 0.4] }));
  });
});
