// One tracked camera in the stage view: a small body and lens and its frustum (from vFov and aspect) in the camera's
// colour, red when stale, the hero solid and the others fainter. Pose, frustum and colour follow frames in useFrame;
// its label lives in StageLabels.
import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { useStore } from '../state/ConsoleContext.ts';
import { findCamera } from './frameLookup.ts';
import { FRUSTUM_VERTEX_COUNT, writeFrustumLines } from './frustumLines.ts';

/** Drawn frustum depth, m: long enough to read the direction, short enough not to clutter the volume. */
const FRUSTUM_LENGTH_M = 2.5;
const STALE = new THREE.Color('#ff4d4f');
const IDLE = new THREE.Color('#9aa7b8');
/** Frustum line opacity of cameras other than the hero. */
const OTHER_OPACITY = 0.55;

export function CameraRig({ id }: { id: string }) {
  const store = useStore();
  const group = useRef<THREE.Group>(null);
  const last = useRef({ vFov: 0, aspect: 0 });
  const { frustum, lineMaterial, bodyMaterial, cameraColor, colorKey } = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(new Float32Array(FRUSTUM_VERTEX_COUNT * 3), 3));
    return {
      frustum: g,
      lineMaterial: new THREE.LineBasicMaterial({ color: IDLE, transparent: true }),
      bodyMaterial: new THREE.MeshStandardMaterial({ color: IDLE, roughness: 0.6 }),
      cameraColor: new THREE.Color(IDLE),
      colorKey: { value: '' },
    };
  }, []);
  useEffect(
    () => () => {
      frustum.dispose();
      lineMaterial.dispose();
      bodyMaterial.dispose();
    },
    [frustum, lineMaterial, bodyMaterial],
  );

  useFrame(() => {
    const g = group.current;
    if (!g) return;
    const frame = store.live.frame;
    const cam = findCamera(frame, id);
    if (!cam) {
      g.visible = false;
      return;
    }
    g.visible = true;
    g.position.fromArray(cam.position);
    g.quaternion.fromArray(cam.rotation);
    if (cam.vFovRad !== last.current.vFov || cam.aspect !== last.current.aspect) {
      last.current.vFov = cam.vFovRad;
      last.current.aspect = cam.aspect;
      const attr = frustum.getAttribute('position') as THREE.BufferAttribute;
      writeFrustumLines(attr.array as Float32Array, cam.vFovRad, cam.aspect, FRUSTUM_LENGTH_M);
      attr.needsUpdate = true;
      frustum.computeBoundingSphere();
    }
    if (cam.color !== colorKey.value) {
      colorKey.value = cam.color;
      cameraColor.set(cam.color);
    }
    const hero = frame?.activeCameraId === id;
    const color = cam.stale ? STALE : cameraColor;
    lineMaterial.color.copy(color);
    lineMaterial.opacity = hero ? 1 : OTHER_OPACITY;
    bodyMaterial.color.copy(color);
    bodyMaterial.emissive.copy(color).multiplyScalar(hero ? 0.35 : 0);
  });

  return (
    <group ref={group} visible={false}>
      <mesh material={bodyMaterial}>
        <boxGeometry args={[0.16, 0.14, 0.26]} />
      </mesh>
      <mesh material={bodyMaterial} position={[0, 0, -0.18]} rotation={[Math.PI / 2, 0, 0]}>
        <cylinderGeometry args={[0.05, 0.06, 0.1, 16]} />
      </mesh>
      <lineSegments geometry={frustum} material={lineMaterial} />
    </group>
  );
}
