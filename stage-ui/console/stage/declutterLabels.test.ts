import { describe, expect, it } from 'vitest';
import { declutterLabels, type LabelBox } from './declutterLabels.ts';

const box = (anchorXPx: number, anchorYPx: number, widthPx = 80, heightPx = 20, shown = true): LabelBox => ({ shown, anchorXPx, anchorYPx, widthPx, heightPx, shiftYPx: -1 });
const shifts = (boxes: LabelBox[]) => (declutterLabels(boxes, []), boxes.map((b) => b.shiftYPx));

describe('declutterLabels', () => {
  it('leaves labels that do not touch on their anchors', () => {
    // Side by side (the first ends at 10 + 80 = 90, the second starts at 200 + 10), and one well below.
    expect(shifts([box(0, 100), box(200, 100), box(0, 200)])).toEqual([0, 0, 0]);
  });

  it('stacks labels on one point into a column, in their given order', () => {
    // 20 px tall with a 2 px gap: each one 22 px below the one before.
    expect(shifts([box(100, 100), box(100, 100), box(100, 100)])).toEqual([0, 22, 44]);
  });

  it('moves a label below every label it would then meet, worked by hand', () => {
    // A spans y 90..110. B on the same point goes to 112..132. D (anchor 105: 95..115, x overlapping) first clears A:
    // shift 112 − 95 = 17 → 112..132, which meets B, so it clears B too: 134 − 95 = 39 → 134..154.
    // C, far to the right, stays.
    expect(shifts([box(100, 100), box(100, 100), box(300, 100), box(120, 105)])).toEqual([0, 22, 0, 39]);
  });

  it('keeps the upper label in place whatever the list order, and ignores hidden labels', () => {
    expect(shifts([box(100, 110), box(100, 100)])).toEqual([12, 0]); // 100's label ends at 110 + 2: the other's top 100 → 112
    expect(shifts([box(100, 100, 80, 20, false), box(100, 100)])).toEqual([0, 0]);
  });

  it('keeps the gap sideways too: labels closer than it count as touching', () => {
    // The first ends at 10 + 80 = 90; the second starts at 79 + 10 = 89 (overlap), 91 (1 px apart, < gap 2) or 92.
    expect(shifts([box(0, 100), box(79, 100)])).toEqual([0, 22]);
    expect(shifts([box(0, 100), box(81, 100)])).toEqual([0, 22]);
    expect(shifts([box(0, 100), box(82, 100)])).toEqual([0, 0]);
  });
});
