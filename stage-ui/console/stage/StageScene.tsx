// Everything the stage view draws of the live stage: floor, LED volume, cameras, talent, POIs, safe volume, moves.
import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import * as THREE from 'three';
import type { HelloMessage } from '../../../engine/protocol/LiveMessages.ts';
import { ActiveMovePath } from './ActiveMovePath.tsx';
import { CameraRigs } from './CameraRigs.tsx';
import { GhostMove } from './GhostMove.tsx';
import { LedVolume } from './LedVolume.tsx';
import { PoiMarkers } from './PoiMarkers.tsx';
import { SafeVolume, safeVolumeOf } from './SafeVolume.tsx';
import { SubjectMarkers } from './SubjectMarkers.tsx';

const BACKGROUND = new THREE.Color('#06080b');

export function StageScene({ hello }: { hello: HelloMessage }) {
  const scene = useThree((s) => s.scene);
  useEffect(() => {
    scene.background = BACKGROUND;
    scene.fog = null;
  }, [scene]);
  const safe = safeVolumeOf(hello.stage);
  return (
    <>
      <ambientLight intensity={0.8} />
      <directionalLight position={[4, 10, 6]} intensity={1.4} />
      <gridHelper args={[40, 40, '#2f3a4a', '#161c25']} />
      <LedVolume stage={hello.stage} />
      <CameraRigs />
      <SubjectMarkers />
      <PoiMarkers pois={hello.pois} />
      {safe && <SafeVolume min={safe.min} max={safe.max} />}
      <ActiveMovePath />
      <GhostMove />
    </>
  );
}
