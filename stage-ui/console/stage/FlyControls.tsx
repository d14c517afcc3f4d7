// Free-fly navigation for the stage view and the scene preview: hold a mouse button on the view to look around
// (drag) and fly with W A S D, Q/E down/up, Shift faster; the wheel moves forward/back. While the button is held the
// keys belong to flying, so global shortcuts (A accept, R reject…) cannot fire by accident.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import * as THREE from 'three';
import type { LiveRefs } from '../state/ConsoleStore.ts';

/** Flying speed, m/s (×4 with Shift). */
const SPEED_MPS = 3;
/** Look sensitivity, rad per px of drag. */
const LOOK_RAD_PER_PX = 0.004;
const FLY_KEYS = new Set(['KeyW', 'KeyA', 'KeyS', 'KeyD', 'KeyQ', 'KeyE', 'ShiftLeft', 'ShiftRight']);

const _euler = new THREE.Euler(0, 0, 0, 'YXZ'); // yaw (Y) then pitch (X), no roll
const _move = new THREE.Vector3(); // this frame's displacement in camera space

export function FlyControls({ live }: { live: LiveRefs }) {
  const camera = useThree((s) => s.camera);
  const dom = useThree((s) => s.gl.domElement);
  const invalidate = useThree((s) => s.invalidate);
  const keys = useRef(new Set<string>());
  const look = useRef({ yaw: 0, pitch: 0, dragging: false, x: 0, y: 0 });

  useEffect(() => {
    _euler.setFromQuaternion(camera.quaternion, 'YXZ');
    look.current.yaw = _euler.y;
    look.current.pitch = _euler.x;
    const l = look.current;
    const release = () => {
      l.dragging = false;
      keys.current.clear();
      live.flyKeysCaptured = false;
    };
    const onDown = (e: PointerEvent) => {
      l.dragging = true;
      l.x = e.clientX;
      l.y = e.clientY;
      live.flyKeysCaptured = true;
      dom.setPointerCapture(e.pointerId);
    };
    const onMove = (e: PointerEvent) => {
      if (!l.dragging) return;
      l.yaw -= (e.clientX - l.x) * LOOK_RAD_PER_PX;
      l.pitch = Math.max(-1.5, Math.min(1.5, l.pitch - (e.clientY - l.y) * LOOK_RAD_PER_PX));
      l.x = e.clientX;
      l.y = e.clientY;
      invalidate();
    };
    const onKey = (e: KeyboardEvent) => {
      if (!l.dragging || !FLY_KEYS.has(e.code)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      if (e.type === 'keydown') keys.current.add(e.code);
      else keys.current.delete(e.code);
      invalidate();
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      _move.set(0, 0, Math.sign(e.deltaY) * 0.5).applyQuaternion(camera.quaternion);
      camera.position.add(_move);
      invalidate();
    };
    dom.addEventListener('pointerdown', onDown);
    dom.addEventListener('pointermove', onMove);
    dom.addEventListener('pointerup', release);
    dom.addEventListener('pointercancel', release);
    dom.addEventListener('wheel', onWheel, { passive: false });
    // Capture phase: flying keys never reach the console's shortcut handler.
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', onKey, true);
    window.addEventListener('blur', release);
    return () => {
      release();
      dom.removeEventListener('pointerdown', onDown);
      dom.removeEventListener('pointermove', onMove);
      dom.removeEventListener('pointerup', release);
      dom.removeEventListener('pointercancel', release);
      dom.removeEventListener('wheel', onWheel);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', onKey, true);
      window.removeEventListener('blur', release);
    };
  }, [camera, dom, live, invalidate]);

  useFrame((state, dtS) => {
    const l = look.current;
    _euler.set(l.pitch, l.yaw, 0, 'YXZ');
    camera.quaternion.setFromEuler(_euler);
    const k = keys.current;
    if (k.size === 0) return;
    // On-demand canvas: keep drawing while a key is held.
    state.invalidate();
    _move.set((k.has('KeyD') ? 1 : 0) - (k.has('KeyA') ? 1 : 0), (k.has('KeyE') ? 1 : 0) - (k.has('KeyQ') ? 1 : 0), (k.has('KeyS') ? 1 : 0) - (k.has('KeyW') ? 1 : 0));
    if (_move.lengthSq() === 0) return;
    const speed = SPEED_MPS * (k.has('ShiftLeft') || k.has('ShiftRight') ? 4 : 1);
    _move.normalize().multiplyScalar(speed * Math.min(dtS, 0.1)).applyQuaternion(camera.quaternion);
    camera.position.add(_move);
  });
  return null;
}
