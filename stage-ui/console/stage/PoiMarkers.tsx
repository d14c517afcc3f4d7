// The scene's points of interest: a diamond on a pole down to the floor, (labels in StageLabels).
import type { HelloMessage } from '../../../engine/protocol/LiveMessages.ts';

export function PoiMarkers({ pois }: { pois: HelloMessage['pois'] }) {
  return (
    <>
      {pois.map((p) => (
        <group key={p.id} position={p.position}>
          <mesh>
            <octahedronGeometry args={[0.35]} />
            <meshBasicMaterial color="#f3a712" wireframe />
          </mesh>
          <mesh position={[0, -p.position[1] / 2, 0]}>
            <cylinderGeometry args={[0.02, 0.02, Math.max(0.01, p.position[1]), 6]} />
            <meshBasicMaterial color="#f3a712" transparent opacity={0.35} />
          </mesh>
        </group>
      ))}
    </>
  );
}
