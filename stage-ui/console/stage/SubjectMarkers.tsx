// Tracked talent as 1.8 m capsules standing at their tracked floor position, faded once stale (labels in StageLabels).
import { useFrame } from '@react-three/fiber';
import { useRef } from 'react';
import type * as THREE from 'three';
import { useConsole, useStore } from '../state/ConsoleContext.ts';
import { findSubject } from './frameLookup.ts';

/** A stale subject (no position within the subject timeout) is drawn this opaque: last known place, not live. */
const STALE_OPACITY = 0.3;
/** Capsule: radius and the straight part's length, m (1.8 m tall in all). */
const RADIUS_M = 0.22;
const BODY_M = 1.8 - 2 * RADIUS_M;

export function SubjectMarkers() {
  const idsKey = useConsole((s) => s.frame?.subjects.map((x) => x.id).join('\n') ?? '');
  if (!idsKey) return null;
  return (
    <>
      {idsKey.split('\n').map((id) => (
        <SubjectMarker key={id} id={id} />
      ))}
    </>
  );
}

function SubjectMarker({ id }: { id: string }) {
  const store = useStore();
  const group = useRef<THREE.Group>(null);
  const body = useRef<THREE.MeshStandardMaterial>(null);
  const ring = useRef<THREE.MeshBasicMaterial>(null);
  useFrame(() => {
    const g = group.current;
    const s = findSubject(store.live.frame, id);
    if (!g) return;
    g.visible = s !== undefined;
    if (!s) return;
    // The tracker reports the talent's floor position; the capsule stands on it.
    g.position.set(s.position[0], Math.max(0, s.position[1]), s.position[2]);
    const opacity = s.stale ? STALE_OPACITY : 1;
    if (body.current) body.current.opacity = opacity;
    if (ring.current) ring.current.opacity = opacity;
  });
  return (
    <group ref={group} visible={false}>
      <mesh position={[0, 0.9, 0]}>
        <capsuleGeometry args={[RADIUS_M, BODY_M, 6, 16]} />
        <meshStandardMaterial ref={body} color="#b48cff" roughness={0.5} emissive="#3a2466" transparent />
      </mesh>
      <mesh rotation={[-Math.PI / 2, 0, 0]} position={[0, 0.01, 0]}>
        <ringGeometry args={[0.3, 0.36, 32]} />
        <meshBasicMaterial ref={ring} color="#b48cff" transparent />
      </mesh>
    </group>
  );
}
