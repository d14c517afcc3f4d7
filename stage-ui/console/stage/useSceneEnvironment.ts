// The scene a console view draws (the demo at once, a scene file once loaded): the same content as the walls.
import { useEffect, useState } from 'react';
import type * as THREE from 'three';
import { loadSceneById } from '../../scene/SceneSwitcher.ts';

/** Returns the loaded scene for `sceneId` (null while loading); frees it when the id changes or the view unmounts. */
export function useSceneEnvironment(sceneId: string | null | undefined): THREE.Scene | null {
  const [scene, setScene] = useState<THREE.Scene | null>(null);
  useEffect(() => {
    if (!sceneId) return;
    const abort = new AbortController();
    let dispose: (() => void) | undefined;
    loadSceneById(sceneId, 0, abort.signal).then(
      (loaded) => {
        if (abort.signal.aborted) return loaded.dispose();
        dispose = loaded.dispose;
        setScene(loaded.scene);
      },
      (err: Error) => !abort.signal.aborted && console.error(`scene ${sceneId} failed to load`, err),
    );
    return () => {
      abort.abort();
      setScene(null);
      dispose?.();
    };
  }, [sceneId]);
  return scene;
}
