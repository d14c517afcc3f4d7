// Console-only preview of the scene (free-fly): draws the environment locally and sends nothing, so the walls are
// untouched. Starts from the active camera's pose; previews the scene picked in the Scenes panel, else the current one.
import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { useConsole } from '../state/ConsoleContext.ts';
import { SceneContent } from './SceneContent.tsx';
import { useSceneEnvironment } from './useSceneEnvironment.ts';
import type { LiveRefs } from '../state/ConsoleStore.ts';
import { findCamera } from './frameLookup.ts';

export function ScenePreview({ live }: { live: LiveRefs }) {
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  const env = useSceneEnvironment(useConsole((s) => s.previewSceneId ?? s.hello?.scene.id));
  useEffect(() => {
    // Fly from the active camera's pose; give the stage view its own pose back afterwards.
    const savedPosition = camera.position.clone();
    const savedRotation = camera.quaternion.clone();
    const frame = live.frame;
    const cam = findCamera(frame, frame?.activeCameraId ?? null);
    if (cam) {
      camera.position.fromArray(cam.position);
      camera.quaternion.fromArray(cam.rotation);
    } else {
      camera.position.set(0, 1.7, 4);
      camera.lookAt(0, 1.7, -10);
    }
    return () => {
      camera.position.copy(savedPosition);
      camera.quaternion.copy(savedRotation);
    };
  }, [scene, camera, live]);
  return env ? <SceneContent env={env} /> : null;
}
