// Inside the stage canvas: projects every registered label's 3D anchor to the screen each frame and moves its DOM
// element there (only when it moved by half a pixel or more); hides labels behind the camera or off screen.
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';

export interface LabelAnchor {
  el: HTMLElement;
  /** Writes the label's world position; false = nothing to label now. */
  locate(out: THREE.Vector3): boolean;
  /** Last screen position written, px, and visibility, so unchanged labels cost no style write. */
  x: number;
  y: number;
  shown: boolean;
}

export type LabelAnchors = Map<string, LabelAnchor>;

/** Beyond this many px outside the view a label is hidden. */
const MARGIN_PX = 40;
const _p = new THREE.Vector3(); // anchor, world → NDC

export function LabelProjector({ anchors }: { anchors: LabelAnchors }) {
  useFrame(({ camera, size }) => {
    for (const a of anchors.values()) {
      let show = a.locate(_p);
      if (show) {
        _p.project(camera);
        const x = ((_p.x + 1) / 2) * size.width;
        const y = ((1 - _p.y) / 2) * size.height;
        show = _p.z > -1 && _p.z < 1 && x > -MARGIN_PX && x < size.width + MARGIN_PX && y > -MARGIN_PX && y < size.height + MARGIN_PX;
        // Written as !(… < 0.5) so the first frame (x, y still NaN) writes too.
        if (show && !(Math.abs(x - a.x) < 0.5 && Math.abs(y - a.y) < 0.5)) {
          a.x = x;
          a.y = y;
          a.el.style.transform = `translate3d(${x.toFixed(1)}px, ${y.toFixed(1)}px, 0)`;
        }
      }
      if (show !== a.shown) {
        a.shown = show;
        a.el.style.visibility = show ? 'visible' : 'hidden';
      }
    }
  });
  return null;
}
