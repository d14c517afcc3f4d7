// Keeps stage-view labels from covering each other. A label sits to the right of its anchor, centred on it
// vertically (console.css .label3d); where two would overlap, the lower one moves down to just below the other.
// Greedy, top to bottom: labels near the top of the view stay on their anchors, and a cluster of rigs (five dead
// sources where one camera once stood) becomes a readable column. Pure and allocation-free (per-frame code).

export interface LabelBox {
  /** Whether the label is on screen this frame; hidden labels take no room. */
  shown: boolean;
  /** Its anchor projected onto the view this frame, px from the top left. */
  anchorXPx: number;
  anchorYPx: number;
  /** Its size as laid out, px. */
  widthPx: number;
  heightPx: number;
  /** Written: how far to move it down, px (0 = on its anchor). */
  shiftYPx: number;
}

/** Where a label's left edge sits right of its anchor, px (console.css `.label3d { translate: 10px -50% }`). */
export const LABEL_OFFSET_X_PX = 10;

/**
 * Sets every box's `shiftYPx` so that no two shown labels overlap, with `gapPx` between them. `order` is scratch
 * space, reused across calls.
 */
export function declutterLabels(boxes: readonly LabelBox[], order: number[], gapPx = 2): void {
  order.length = 0;
  for (let i = 0; i < boxes.length; i++) {
    boxes[i]!.shiftYPx = 0;
    if (boxes[i]!.shown) order.push(i);
  }
  // Top first, by insertion (a handful of labels, and no comparator closure per frame); equal heights keep their
  // given order, so two labels on one point never swap.
  for (let k = 1; k < order.length; k++) {
    const index = order[k]!;
    const y = boxes[index]!.anchorYPx;
    let at = k;
    for (; at > 0 && boxes[order[at - 1]!]!.anchorYPx > y; at--) order[at] = order[at - 1]!;
    order[at] = index;
  }
  for (let k = 1; k < order.length; k++) {
    const box = boxes[order[k]!]!;
    const left = box.anchorXPx + LABEL_OFFSET_X_PX;
    // Each pass moves it below one placed label it overlaps; it never moves up, so it cannot meet that one again.
    for (let moved = true; moved; ) {
      moved = false;
      const top = box.anchorYPx - box.heightPx / 2 + box.shiftYPx;
      for (let p = 0; p < k; p++) {
        const other = boxes[order[p]!]!;
        const otherLeft = other.anchorXPx + LABEL_OFFSET_X_PX;
        if (left >= otherLeft + other.widthPx + gapPx || otherLeft >= left + box.widthPx + gapPx) continue;
        const otherTop = other.anchorYPx - other.heightPx / 2 + other.shiftYPx;
        if (top >= otherTop + other.heightPx + gapPx || otherTop >= top + box.heightPx + gapPx) continue;
        box.shiftYPx += otherTop + other.heightPx + gapPx - top;
        moved = true;
        break;
      }
    }
  }
}
