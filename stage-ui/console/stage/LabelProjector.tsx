// Inside the stage canvas: projects every registered label's 3D anchor to the screen each frame, moves labels that
// would overlap apart (declutterLabels), and writes each DOM element's position only when it moved by half a pixel
// or more; hides labels behind the camera or off screen.
import { useFrame } from '@react-three/fiber';
import { useRef } from 'react';
import * as THREE from 'three';
import { declutterLabels, type LabelBox } from './declutterLabels.ts';

export interface LabelAnchor extends LabelBox {
  el: HTMLElement;
  /** Writes the label's world position; false = nothing to label now. */
  locate(out: THREE.Vector3): boolean;
  /** Last screen position written, px, and visibility, so unchanged labels cost no style write. */
  x: number;
  y: number;
  visible: boolean;
}

export type LabelAnchors = Map<string, LabelAnchor>;

/** Beyond this many px outside the view a label is hidden. */
const MARGIN_PX = 40;
const _p = new THREE.Vector3(); // anchor, world → NDC

export function LabelProjector({ anchors }: { anchors: LabelAnchors }) {
  // Scratch lists, refilled each frame (no allocation once they have grown).
  const scratch = useRef<{ boxes: LabelAnchor[]; order: number[] }>({ boxes: [], order: [] });
  useFrame(({ camera, size }) => {
    const { boxes, order } = scratch.current;
    boxes.length = 0;
    for (const a of anchors.values()) {
      let show = a.locate(_p);
      if (show) {
        _p.project(camera);
        a.anchorXPx = ((_p.x + 1) / 2) * size.width;
        a.anchorYPx = ((1 - _p.y) / 2) * size.height;
        show = _p.z > -1 && _p.z < 1 && a.anchorXPx > -MARGIN_PX && a.anchorXPx < size.width + MARGIN_PX && a.anchorYPx > -MARGIN_PX && a.anchorYPx < size.height + MARGIN_PX;
      }
      a.shown = show;
      boxes.push(a);
    }
    declutterLabels(boxes, order);
    for (const a of boxes) {
      const x = a.anchorXPx;
      const y = a.anchorYPx + a.shiftYPx;
      // Written as !(… < 0.5) so the first frame (x, y still NaN) writes too.
      if (a.shown && !(Math.abs(x - a.x) < 0.5 && Math.abs(y - a.y) < 0.5)) {
        a.x = x;
        a.y = y;
        a.el.style.transform = `translate3d(${x.toFixed(1)}px, ${y.toFixed(1)}px, 0)`;
      }
      if (a.shown !== a.visible) {
        a.visible = a.shown;
        a.el.style.visibility = a.shown ? 'visible' : 'hidden';
      }
    }
  });
  return null;
}
