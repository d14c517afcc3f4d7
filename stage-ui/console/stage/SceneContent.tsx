// Puts a loaded environment into an r3f canvas; three ignores a nested scene's background and fog, so the root
// scene borrows them while this is mounted.
import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import type * as THREE from 'three';

export function SceneContent({ env }: { env: THREE.Scene }) {
  const root = useThree((s) => s.scene);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    root.background = env.background;
    root.fog = env.fog;
    invalidate();
    return () => {
      root.background = null;
      root.fog = null;
    };
  }, [root, env, invalidate]);
  return <primitive object={env} />;
}
