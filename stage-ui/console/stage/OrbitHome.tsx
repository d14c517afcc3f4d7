// Orbit navigation around the LED volume, starting from a "home" view that fits the whole stage in the panel
// (front-right, above the open side) whatever the panel's aspect: entering orbit mode always starts there.
import { OrbitControls } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useLayoutEffect, useMemo } from 'react';
import * as THREE from 'three';
import type { StageWire } from '../../../engine/protocol/LiveMessages.ts';

/** Home direction from the stage centre: right, up, towards the open side (+Z). */
const HOME_DIRECTION = new THREE.Vector3(0.42, 0.36, 0.83).normalize();
/** The bounding sphere over-states a flat, wide volume: let it fill a bit more than the view. */
const FIT_MARGIN = 0.82;

export function OrbitHome({ stage }: { stage: StageWire | null }) {
  const camera = useThree((s) => s.camera) as THREE.PerspectiveCamera;
  const aspect = useThree((s) => s.size.width / Math.max(1, s.size.height));
  const sphere = useMemo(() => {
    const box = new THREE.Box3();
    const p = new THREE.Vector3();
    for (const w of stage?.walls ?? [])
      for (const s of w.sections) {
        box.expandByPoint(p.fromArray(s.pa));
        box.expandByPoint(p.fromArray(s.pb));
        box.expandByPoint(p.fromArray(s.pc));
      }
    if (box.isEmpty()) box.set(new THREE.Vector3(-5, 0, -5), new THREE.Vector3(5, 4, 5));
    return box.getBoundingSphere(new THREE.Sphere());
  }, [stage]);
  const target = useMemo<[number, number, number]>(() => [sphere.center.x, sphere.center.y * 0.6, sphere.center.z], [sphere]);
  // Fit once when orbit mode starts (and when the stage changes), not on every resize: the user may have orbited.
  useLayoutEffect(() => {
    const halfV = THREE.MathUtils.degToRad(camera.fov) / 2;
    const halfMin = Math.min(halfV, Math.atan(Math.tan(halfV) * aspect));
    const distance = (sphere.radius / Math.sin(halfMin)) * FIT_MARGIN;
    camera.position.set(target[0], target[1], target[2]).addScaledVector(HOME_DIRECTION, distance);
    camera.lookAt(target[0], target[1], target[2]);
  }, [camera, sphere, target]); // aspect: read when orbit starts, on purpose
  return <OrbitControls makeDefault target={target} enableDamping dampingFactor={0.12} maxDistance={200} />;
}
