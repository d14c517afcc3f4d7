// Drives the camera view's camera each animation frame from the latest frame (tracked pose + move offset, vFov), or
// from the end pose of the previewed suggestion's path. Reads the store without subscribing: no React work per frame.
import { useFrame, useThree } from '@react-three/fiber';
import type * as THREE from 'three';
import type { QuatWire, Vec3Wire } from '../../../engine/protocol/LiveMessages.ts';
import { useStore } from '../state/ConsoleContext.ts';
import type { LiveRefs } from '../state/ConsoleStore.ts';
import { previewedSuggestion } from '../state/previewedSuggestion.ts';
import { findCamera, pathLength, pathPoseAt } from '../stage/frameLookup.ts';

const RAD_TO_DEG = 180 / Math.PI;
const _position: Vec3Wire = [0, 0, 0]; // previewed end pose
const _rotation: QuatWire = [0, 0, 0, 1];

export function CameraDriver({ live }: { live: LiveRefs }) {
  const store = useStore();
  const camera = useThree((s) => s.camera) as THREE.PerspectiveCamera;
  useFrame(() => {
    live.cameraRenders++;
    const frame = live.frame;
    const cam = findCamera(frame, frame?.activeCameraId ?? null);
    const preview = previewedSuggestion(store.get());
    if (preview && pathLength(preview.path) > 0 && pathPoseAt(preview.path, pathLength(preview.path) - 1, _position, _rotation)) {
      camera.position.fromArray(_position);
      camera.quaternion.fromArray(_rotation);
    } else if (cam) {
      camera.position.fromArray(cam.position);
      camera.quaternion.fromArray(cam.rotation);
    }
    if (cam) {
      const fovDeg = cam.vFovRad * RAD_TO_DEG;
      if (Math.abs(camera.fov - fovDeg) > 1e-4) {
        camera.fov = fovDeg;
        camera.updateProjectionMatrix();
      }
    }
  });
  return null;
}
