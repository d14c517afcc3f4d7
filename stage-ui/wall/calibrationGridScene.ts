// The pan-stop test's virtual world: a high-contrast grid on a large sphere around the stage origin plus a floor
// grid, fixed in stage space. Seen through a tracked camera's inner frustum it must stay put against the real set
// when the camera pans and stops; if it slips on (or jumps back), the tracking or LED delay is mis-set.
import * as THREE from 'three';

/** Far enough that a few metres of camera travel barely shift it, near enough for the far plane. */
const SPHERE_RADIUS_M = 40;
/** Cell size on the sphere, degrees: several cells across any lens. */
const CELL_DEG = 5;

const VERTEX = /* glsl */ `
varying vec3 vDir;
void main() {
  vDir = normalize(position);
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}`;

const FRAGMENT = /* glsl */ `
varying vec3 vDir;
void main() {
  float lon = degrees(atan(vDir.x, -vDir.z));
  float lat = degrees(asin(clamp(vDir.y, -1.0, 1.0)));
  vec2 cell = floor(vec2(lon, lat) / ${CELL_DEG.toFixed(1)});
  float checker = mod(cell.x + cell.y, 2.0);
  // Thin red lines every 15 degrees: the operator's reference marks.
  vec2 m = abs(fract(vec2(lon, lat) / 15.0 + 0.5) - 0.5) * 15.0;
  float line = 1.0 - step(0.25, min(m.x, m.y));
  vec3 col = mix(vec3(0.02), vec3(1.0), checker);
  gl_FragColor = vec4(mix(col, vec3(1.0, 0.1, 0.1), line), 1.0);
}`;

export function createCalibrationGridScene(): THREE.Scene {
  const scene = new THREE.Scene();
  const sphere = new THREE.Mesh(
    new THREE.SphereGeometry(SPHERE_RADIUS_M, 72, 36),
    new THREE.ShaderMaterial({ vertexShader: VERTEX, fragmentShader: FRAGMENT, side: THREE.BackSide, depthWrite: false }),
  );
  sphere.frustumCulled = false;
  scene.add(sphere);
  const floor = new THREE.GridHelper(40, 40, 0xff2020, 0xffffff);
  scene.add(floor);
  return scene;
}
