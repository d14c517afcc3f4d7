// The running move's planned path (from its start) with a marker at the current progress; the marker follows frames
// in useFrame, the line is rebuilt only when the plan changes (a new move or an adjust).
import { Line } from '@react-three/drei';
import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import type * as THREE from 'three';
import type { GhostPathWire } from '../../../engine/protocol/LiveMessages.ts';
import { useConsole, useStore } from '../state/ConsoleContext.ts';
import { pathLength, pathLinePoints } from './frameLookup.ts';

const PLAN = '#ffb020';

export function ActiveMovePath() {
  // The path object is new with every frame message: key it by what identifies the plan.
  const move = useConsole((s) => s.frame?.move ?? null);
  const key = move && move.status !== 'finished' ? `${move.moveId}:${pathLength(move.path)}:${move.path.positions.at(-1)}:${move.durationS}` : '';
  const path = useMemo(() => (key && move ? move.path : null), [key]);
  if (!path || pathLength(path) === 0) return null;
  return <PlannedPath path={path} />;
}

function PlannedPath({ path }: { path: GhostPathWire }) {
  const store = useStore();
  const marker = useRef<THREE.Mesh>(null);
  const points = useMemo(() => pathLinePoints(path), [path]);
  useFrame(() => {
    const m = marker.current;
    const progress = store.live.frame?.move?.progress;
    if (!m) return;
    m.visible = progress !== undefined;
    if (progress === undefined) return;
    // Samples are evenly spaced in time; progress is along the path: close enough for a marker.
    const x = Math.max(0, Math.min(1, progress)) * (points.length - 1);
    const i = Math.min(points.length - 2, Math.floor(x));
    const a = points[i]!;
    const b = points[i + 1]!;
    const t = x - i;
    m.position.set(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t);
  });
  return (
    <group>
      <Line points={points} color={PLAN} lineWidth={2} transparent opacity={0.7} />
      <mesh ref={marker}>
        <sphereGeometry args={[0.08, 12, 8]} />
        <meshBasicMaterial color={PLAN} />
      </mesh>
    </group>
  );
}
