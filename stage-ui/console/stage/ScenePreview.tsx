// Console-only preview of the scene (free-fly): draws the environment locally and sends nothing, so the walls are
// untouched. Starts from the active camera's pose. Until scene files land (issue 6) every scene previews as the demo.
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { createDemoEnvironment } from '../../scene/DemoEnvironment.ts';
import { disposeScene } from '../../ui/disposeScene.ts';
import type { LiveRefs } from '../state/ConsoleStore.ts';
import { findCamera } from './frameLookup.ts';

export function ScenePreview({ live }: { live: LiveRefs }) {
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  const env = useMemo(() => createDemoEnvironment(), []);
  useEffect(() => {
    // A nested scene's background and fog are ignored by three: lend them to the root scene while previewing.
    scene.background = env.background;
    scene.fog = env.fog;
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
      scene.fog = null;
      disposeScene(env);
    };
  }, [scene, camera, env, live]);
  return <primitive object={env} />;
}
