import { describe, expect, it } from 'vitest';
import { FRUSTUM_VERTEX_COUNT, writeFrustumLines } from './frustumLines.ts';

/** Vertex i of the written buffer. */
const vertex = (out: Float32Array, i: number) => [out[i * 3]!, out[i * 3 + 1]!, out[i * 3 + 2]!];

describe('writeFrustumLines', () => {
  it('puts the far rectangle at -length with half-height tan(vFov/2)·length and half-width ·aspect, and "up" on top', () => {
    // vFov 90°, aspect 2, length 3 m → half height tan 45° · 3 = 3 m, half width 6 m.
    const out = writeFrustumLines(new Float32Array(FRUSTUM_VERTEX_COUNT * 3), Math.PI / 2, 2, 3);
    const close = (v: number[], expected: number[]) => v.forEach((x, k) => expect(x).toBeCloseTo(expected[k]!, 5));
    close(vertex(out, 0), [0, 0, 0]); // apex
    close(vertex(out, 1), [-6, -3, -3]); // bottom-left
    close(vertex(out, 5), [6, 3, -3]); // top-right
    // Up marker tip (vertex 17): centred, 0.35 · half height above the top edge.
    close(vertex(out, 17), [0, 3 + 1.05, -3]);
  });
});
