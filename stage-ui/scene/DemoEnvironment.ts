// The built-in demo environment: a dusk plaza of coloured columns, arches and far hills, recognisable from any angle.
// Pure three.js (no React) so wall render nodes and the console can both use it; real scenes arrive with glTF (issue 5).
import * as THREE from 'three';

/** Returns a scene whose content is static; the caller owns and disposes it. */
export function createDemoEnvironment(): THREE.Scene {
  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0x0b1020);
  scene.fog = new THREE.Fog(0x1a2240, 40, 140);

  scene.add(skyDome());
  scene.add(new THREE.HemisphereLight(0x9fb8ff, 0x3a2a20, 1.2));
  const sun = new THREE.DirectionalLight(0xffc58a, 2.5);
  sun.position.set(-30, 25, -40);
  scene.add(sun);

  // Ground: a tiled plaza so parallax is obvious when the camera moves.
  const ground = new THREE.Mesh(new THREE.PlaneGeometry(400, 400), new THREE.MeshStandardMaterial({ map: checkerTexture(), roughness: 0.9 }));
  ground.rotation.x = -Math.PI / 2;
  scene.add(ground);

  // Two rows of columns leading away from the stage (towards -Z, behind the main wall).
  const palette = [0xe4572e, 0x29335c, 0xf3a712, 0x669bbc, 0xa8c686, 0xc1121f];
  const columnGeometry = new THREE.CylinderGeometry(0.6, 0.7, 8, 24);
  for (let i = 0; i < 12; i++) {
    for (const side of [-1, 1]) {
      const m = new THREE.Mesh(columnGeometry, new THREE.MeshStandardMaterial({ color: palette[(i + (side > 0 ? 3 : 0)) % palette.length], roughness: 0.5 }));
      m.position.set(side * 7, 4, -10 - i * 8);
      scene.add(m);
    }
  }
  // Arches across the avenue every 16 m.
  const archMaterial = new THREE.MeshStandardMaterial({ color: 0xdedbd2, roughness: 0.7 });
  for (let i = 0; i < 6; i++) {
    const arch = new THREE.Mesh(new THREE.TorusGeometry(7, 0.5, 12, 48, Math.PI), archMaterial);
    arch.position.set(0, 8, -10 - i * 16);
    scene.add(arch);
  }
  // A monolith at the end of the avenue and a few crates near the stage for close parallax.
  const monolith = new THREE.Mesh(new THREE.BoxGeometry(4, 20, 4), new THREE.MeshStandardMaterial({ color: 0x222222, metalness: 0.6, roughness: 0.3 }));
  monolith.position.set(0, 10, -110);
  scene.add(monolith);
  const crateMaterial = new THREE.MeshStandardMaterial({ color: 0x8d6e4a, roughness: 0.8 });
  for (const [x, z, s] of [
    [-4, -9, 1.2],
    [3.5, -12, 1.6],
    [-2, -16, 1],
    [5, -20, 2],
  ] as const) {
    const crate = new THREE.Mesh(new THREE.BoxGeometry(s, s, s), crateMaterial);
    crate.position.set(x, s / 2, z);
    crate.rotation.y = x;
    scene.add(crate);
  }
  // Far hills on every side, so side walls and the ceiling have something to show.
  const hillMaterial = new THREE.MeshStandardMaterial({ color: 0x2d3a4a, roughness: 1, flatShading: true });
  for (let i = 0; i < 24; i++) {
    const a = (i / 24) * Math.PI * 2;
    const h = 12 + ((i * 37) % 11) * 2;
    const hill = new THREE.Mesh(new THREE.ConeGeometry(14, h, 5), hillMaterial);
    hill.position.set(Math.sin(a) * 120, h / 2, Math.cos(a) * 120);
    scene.add(hill);
  }
  return scene;
}

function skyDome(): THREE.Mesh {
  const material = new THREE.ShaderMaterial({
    side: THREE.BackSide,
    depthWrite: false,
    fog: false,
    uniforms: { top: { value: new THREE.Color(0x0d1b3d) }, horizon: { value: new THREE.Color(0xf08a4b) } },
    vertexShader: 'varying vec3 vDir; void main() { vDir = normalize(position); gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0); }',
    fragmentShader:
      'uniform vec3 top; uniform vec3 horizon; varying vec3 vDir; void main() { float h = clamp(vDir.y, 0.0, 1.0); gl_FragColor = vec4(mix(horizon, top, pow(h, 0.5)), 1.0); }',
  });
  const dome = new THREE.Mesh(new THREE.SphereGeometry(300, 32, 16), material);
  dome.renderOrder = -1;
  return dome;
}

function checkerTexture(): THREE.Texture {
  const size = 64;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const light = ((x >> 3) + (y >> 3)) % 2 === 0;
      const i = (y * size + x) * 4;
      const v = light ? 150 : 90;
      data[i] = v;
      data[i + 1] = v * 0.95;
      data[i + 2] = v * 0.9;
      data[i + 3] = 255;
    }
  }
  const t = new THREE.DataTexture(data, size, size);
  t.wrapS = t.wrapT = THREE.RepeatWrapping;
  t.repeat.set(50, 50);
  t.magFilter = THREE.NearestFilter;
  t.colorSpace = THREE.SRGBColorSpace;
  t.needsUpdate = true;
  return t;
}
