// Scene preview page (assets/build/screenshotScenes.ts drives it): loads /scenes/<id>.json with the same loader the
// walls use and renders one still from a camera: ?scene=<id>[&mark=<camera mark id>][&w=1280&h=720].
import * as THREE from 'three';
import type { SceneManifest } from '../../../engine/protocol/SceneManifest.ts';
import { loadSceneManifest, type SceneLoadProgress } from '../../../stage-ui/scene/loadSceneManifest.ts';

/** Super 35 sensor width, mm: turns a camera mark's focal length into a field of view. */
const SENSOR_WIDTH_MM = 24.89;
/** The default view: a camera on the stage looking through the main wall, vertical field of view, degrees. */
const DEFAULT_FOV_DEG = 40;

interface PreviewStatus {
  ready: boolean;
  error?: string;
  progress?: SceneLoadProgress;
  drawCalls?: number;
  triangles?: number;
}

const status: PreviewStatus = { ready: false };
(window as unknown as { vantagePreview: PreviewStatus }).vantagePreview = status;

async function main(): Promise<void> {
  const q = new URLSearchParams(location.search);
  const id = q.get('scene') ?? 'city-rooftop-dusk';
  const w = Number(q.get('w') ?? 1280), h = Number(q.get('h') ?? 720);
  const res = await fetch(`/scenes/${id}.json`);
  if (!res.ok) throw new Error(`/scenes/${id}.json: HTTP ${res.status}`);
  const manifest = (await res.json()) as SceneManifest; // validated, defaults filled in, by the server (as the engine will)
  const loaded = await loadSceneManifest(manifest, { onProgress: (p) => (status.progress = p) });

  const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(1);
  renderer.setSize(w, h);
  renderer.toneMapping = THREE.ACESFilmicToneMapping;
  renderer.toneMappingExposure = loaded.exposure;
  document.body.appendChild(renderer.domElement);

  const camera = new THREE.PerspectiveCamera(DEFAULT_FOV_DEG, w / h, 0.05, 2000);
  camera.filmGauge = SENSOR_WIDTH_MM;
  const mark = manifest.cameraMarks.find((m) => m.id === q.get('mark'));
  if (mark) {
    camera.position.fromArray(mark.position);
    camera.lookAt(new THREE.Vector3().fromArray(mark.lookAt));
    if (mark.focalLengthMm) camera.setFocalLength(mark.focalLengthMm);
  } else {
    camera.position.set(0, 1.6, 4);
    camera.lookAt(0, 1.6, -10);
  }
  camera.updateProjectionMatrix();
  renderer.render(loaded.scene, camera); // compiles shaders, builds the environment map
  renderer.render(loaded.scene, camera);
  status.drawCalls = renderer.info.render.calls;
  status.triangles = renderer.info.render.triangles;
  status.ready = true;
}

main().catch((err: unknown) => {
  status.error = err instanceof Error ? `${err.message}\n${err.stack}` : String(err);
});
