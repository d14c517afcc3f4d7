import { describe, expect, it } from 'vitest';
import { OneEuroFilter, oneEuroAlpha } from './OneEuroFilter.ts';

// Hand-worked at 100 Hz (dt = 0.01 s): tau = 1/(2*pi*fc); alpha = 1/(1 + tau/dt).
describe('OneEuroFilter', () => {
  it('alpha at 1 Hz, 100 Hz sampling is 1/(1 + 15.9155) = 0.059117', () => {
    expect(oneEuroAlpha(1, 0.01)).toBeCloseTo(0.059117, 5);
  });

  it('with beta = 0 a unit step follows the first-order low-pass 1 - (1 - a)^n', () => {
    const f = new OneEuroFilter(1, { minCutoffHz: 1, beta: 0, dCutoffHz: 1 });
    f.filter([0], 0);
    expect(f.filter([1], 0.01)[0]).toBeCloseTo(0.059117, 5);
    expect(f.filter([1], 0.02)[0]).toBeCloseTo(0.114740, 5);
    for (let i = 3; i <= 10; i++) f.filter([1], i * 0.01);
    expect(f.value[0]).toBeCloseTo(0.456306, 5);
  });

  it('with beta = 1 speed raises the cutoff: step gives 0.302785 then 0.582830', () => {
    // Step 1: dx = 0.059117 * 100 = 5.9117 units/s → cutoff 6.9117 Hz → alpha 0.302785.
    // Step 2: raw dx = (1 - 0.302785)/0.01 = 69.72 → dx 9.6840 → cutoff 10.684 Hz → y = 0.582830.
    const f = new OneEuroFilter(1, { minCutoffHz: 1, beta: 1, dCutoffHz: 1 });
    f.filter([0], 0);
    expect(f.filter([1], 0.01)[0]).toBeCloseTo(0.302785, 5);
    expect(f.filter([1], 0.02)[0]).toBeCloseTo(0.58283, 5);
  });

  it('the first sample passes through and a repeated timestamp leaves the state alone', () => {
    const f = new OneEuroFilter(3);
    expect([...f.filter([1, 2, 3], 5)]).toEqual([1, 2, 3]);
    expect([...f.filter([9, 9, 9], 5)]).toEqual([1, 2, 3]);
  });

  it('smooths the first sample after a silence longer than maxGapS as if it came one usual step later', () => {
    // Without the bridge the 0.5 s gap gives alpha = 1/(1 + 0.159155/0.5) = 0.758547: most of the step at once.
    const open = new OneEuroFilter(1, { minCutoffHz: 1, beta: 0, dCutoffHz: 1 });
    const bridged = new OneEuroFilter(1, { minCutoffHz: 1, beta: 0, dCutoffHz: 1 }, 0.1);
    for (const f of [open, bridged]) {
      f.filter([0], 0);
      f.filter([0], 0.01);
    }
    expect(open.filter([1], 0.51)[0]).toBeCloseTo(0.758547, 5);
    expect(bridged.filter([1], 0.51)[0]).toBeCloseTo(0.059117, 5); // the 100 Hz alpha, as in the step test above
    expect(bridged.filter([1], 0.52)[0]).toBeCloseTo(0.11474, 5); // and on at the real interval
    const sparse = new OneEuroFilter(1, { minCutoffHz: 1, beta: 0, dCutoffHz: 1 }, 0.1);
    sparse.filter([0], 0);
    expect(sparse.filter([1], 0.5)[0]).toBeCloseTo(0.758547, 5); // never streamed: no cadence to bridge with
  });

  it('reduces jitter on a noisy constant signal', () => {
    const f = new OneEuroFilter(1, { minCutoffHz: 1, beta: 0.01, dCutoffHz: 1 });
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5;
    let rawVar = 0;
    let outVar = 0;
    for (let i = 0; i < 2000; i++) {
      const x = rand() * 0.01;
      const y = f.filter([x], i / 100)[0]!;
      if (i > 200) {
        rawVar += x * x;
        outVar += y * y;
      }
    }
    expect(outVar).toBeLessThan(rawVar / 10);
  });
});
