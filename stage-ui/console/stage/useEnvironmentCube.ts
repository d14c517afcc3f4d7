// The current scene as seen from the stage's outer viewpoint, rendered once into a cube map: the stage view paints
// the LED sections with it (what the outer frustum shows), at no per-frame cost since the environment is static.
import { useThree } from '@react-three/fiber';
import { useEffect, useState } from 'react';
import * as THREE from 'three';
import type { Vec3Wire } from '../../../engine/protocol/LiveMessages.ts';
import { useSceneEnvironment } from './useSceneEnvironment.ts';

/** Cube face size, px: the walls are small on screen, so 256 is plenty. */
const CUBE_FACE_PX = 256;

export function useEnvironmentCube(viewpoint: Vec3Wire, sceneId: string | null | undefined): THREE.CubeTexture | null {
  const gl = useThree((s) => s.gl);
  const env = useSceneEnvironment(sceneId);
  const [texture, setTexture] = useState<THREE.CubeTexture | null>(null);
  const [x, y, z] = viewpoint;
  useEffect(() => {
    if (!env) return;
    const target = new THREE.WebGLCubeRenderTarget(CUBE_FACE_PX);
    const cubeCamera = new THREE.CubeCamera(0.1, 2000, target);
    cubeCamera.position.set(x, y, z);
    cubeCamera.update(gl, env);
    setTexture(target.texture);
    return () => {
      setTexture(null);
      target.dispose();
    };
  }, [gl, env, x, y, z]);
  return texture;
}
