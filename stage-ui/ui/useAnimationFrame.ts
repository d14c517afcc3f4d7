// Runs a callback on every animation frame with the latest closure (kept in a ref, as r3f's useFrame does), for DOM
// readouts that follow 50 fps data through refs instead of React state.
import { useEffect, useRef } from 'react';

export function useAnimationFrame(callback: (nowMs: number) => void): void {
  const ref = useRef(callback);
  ref.current = callback;
  useEffect(() => {
    let handle = requestAnimationFrame(function tick(now) {
      handle = requestAnimationFrame(tick);
      ref.current(now);
    });
    return () => cancelAnimationFrame(handle);
  }, []);
}
