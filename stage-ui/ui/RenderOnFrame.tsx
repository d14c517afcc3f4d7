// For a `frameloop="demand"` canvas: asks for a render whenever the engine sends a frame, so the view draws at the
// engine's rate (50 fps) rather than the display's (60, 120 Hz…), and whenever human-speed state changes (a hover
// preview while no frames arrive); interactions (orbit, fly) invalidate on their own.
import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';

export function RenderOnFrame({ listeners, subscribe }: { listeners: Set<() => void>; subscribe: (listener: () => void) => () => void }) {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    const render = () => invalidate();
    listeners.add(render);
    const unsubscribe = subscribe(render);
    return () => {
      listeners.delete(render);
      unsubscribe();
    };
  }, [invalidate, listeners, subscribe]);
  return null;
}
