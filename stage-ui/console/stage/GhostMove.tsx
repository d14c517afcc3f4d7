// The previewed suggestion in the stage view: its path as a dashed line from the camera, and a ghost camera with its
// frustum at the end pose. Changes only when the previewed suggestion does (human speed).
import { Line } from '@react-three/drei';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import type { GhostPathWire, QuatWire, Vec3Wire } from '../../../engine/protocol/LiveMessages.ts';
import { useConsole } from '../state/ConsoleContext.ts';
import { previewedSuggestion } from '../state/previewedSuggestion.ts';
import { pathLength, pathLinePoints, pathPoseAt } from './frameLookup.ts';
import { FRUSTUM_VERTEX_COUNT, writeFrustumLines } from './frustumLines.ts';

const GHOST = '#5ce1e6';
const FRUSTUM_LENGTH_M = 2.5;

export function GhostMove() {
  const suggestion = useConsole(previewedSuggestion);
  const vFov = useConsole((s) => s.frame?.cameras.find((c) => c.id === s.frame?.activeCameraId)?.vFovRad ?? 0.6);
  const aspect = useConsole((s) => s.frame?.cameras.find((c) => c.id === s.frame?.activeCameraId)?.aspect ?? 16 / 9);
  if (!suggestion || pathLength(suggestion.path) === 0) return null;
  return <GhostPath path={suggestion.path} vFovRad={vFov} aspect={aspect} />;
}

export function GhostPath({ path, vFovRad, aspect, color = GHOST, dashed = true }: { path: GhostPathWire; vFovRad: number; aspect: number; color?: string; dashed?: boolean }) {
  const points = useMemo(() => pathLinePoints(path), [path]);
  const end = useMemo(() => {
    const position: Vec3Wire = [0, 0, 0];
    const rotation: QuatWire = [0, 0, 0, 1];
    pathPoseAt(path, pathLength(path) - 1, position, rotation);
    return { position, rotation: new THREE.Quaternion(...rotation) };
  }, [path]);
  const frustum = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(writeFrustumLines(new Float32Array(FRUSTUM_VERTEX_COUNT * 3), vFovRad, aspect, FRUSTUM_LENGTH_M), 3));
    return g;
  }, [vFovRad, aspect]);
  useEffect(() => () => frustum.dispose(), [frustum]);
  return (
    <group>
      <Line points={points} color={color} lineWidth={3} dashed={dashed} dashSize={0.2} gapSize={0.12} transparent opacity={0.95} />
      <mesh position={points[0]}>
        <sphereGeometry args={[0.06, 12, 8]} />
        <meshBasicMaterial color={color} />
      </mesh>
      <group position={end.position} quaternion={end.rotation}>
        <lineSegments geometry={frustum}>
          <lineBasicMaterial color={color} transparent opacity={0.9} />
        </lineSegments>
        <mesh>
          <boxGeometry args={[0.16, 0.14, 0.26]} />
          <meshBasicMaterial color={color} wireframe />
        </mesh>
      </group>
    </group>
  );
}
