// The stage's safe volume (where moves may take the camera), as a dashed box, when the stage declares one.
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import type { StageWire, Vec3Wire } from '../../../engine/protocol/LiveMessages.ts';

/** The stage's safe volume, if it has one. */
export function safeVolumeOf(stage: StageWire): { min: Vec3Wire; max: Vec3Wire } | null {
  const v = stage.safeVolume;
  return v && Array.isArray(v.min) && Array.isArray(v.max) ? v : null;
}

export function SafeVolume({ min, max }: { min: Vec3Wire; max: Vec3Wire }) {
  const lines = useMemo(() => {
    const size = new THREE.Vector3(max[0] - min[0], max[1] - min[1], max[2] - min[2]);
    const box = new THREE.BoxGeometry(size.x, size.y, size.z);
    const dashed = new THREE.LineSegments(new THREE.EdgesGeometry(box), new THREE.LineDashedMaterial({ color: 0x3ddc84, dashSize: 0.25, gapSize: 0.18, transparent: true, opacity: 0.7 }));
    box.dispose();
    dashed.position.set((min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2);
    dashed.computeLineDistances();
    return dashed;
  }, [min, max]);
  useEffect(
    () => () => {
      lines.geometry.dispose();
      (lines.material as THREE.Material).dispose();
    },
    [lines],
  );
  return <primitive object={lines} />;
}
