// Follow mode: the stage view rides behind and above the active camera, looking where it looks, smoothed.
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import type { LiveRefs } from '../state/ConsoleStore.ts';
import { findCamera } from './frameLookup.ts';

/** Where the view sits relative to the tracked camera, in its frame (m): behind and above. */
const OFFSET = new THREE.Vector3(0, 0.7, 2.4);
/** The point it looks at, in the tracked camera's frame (m ahead). */
const AIM = new THREE.Vector3(0, 0, -4);
/** Smoothing rate, 1/s. */
const RATE = 6;

const _q = new THREE.Quaternion(); // tracked camera rotation
const _p = new THREE.Vector3(); // tracked camera position
const _desired = new THREE.Vector3(); // where the view should be
const _aim = new THREE.Vector3(); // what it should look at

export function FollowCamera({ live }: { live: LiveRefs }) {
  const camera = useThree((s) => s.camera);
  useFrame((_, dtS) => {
    const frame = live.frame;
    const cam = findCamera(frame, frame?.activeCameraId ?? null);
    if (!cam) return;
    _p.fromArray(cam.position);
    _q.fromArray(cam.rotation);
    _desired.copy(OFFSET).applyQuaternion(_q).add(_p);
    _aim.copy(AIM).applyQuaternion(_q).add(_p);
    camera.position.lerp(_desired, 1 - Math.exp(-RATE * Math.min(dtS, 0.1)));
    camera.lookAt(_aim);
  });
  return null;
}
