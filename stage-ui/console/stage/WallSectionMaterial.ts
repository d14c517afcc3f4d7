// Paints one LED section in the stage view: the environment as the outer frustum shows it (sampled from a cube map
// rendered at the outer viewpoint), dimmed, with every tracked camera's inner-frustum footprint brighter and outlined
// in its colour (the top one last, as on the wall), and a faint cabinet grid so the LED surface reads as a surface.
import { FOOTPRINT_DISTANCE_GLSL } from '../../scene/footprintDistanceGlsl.ts';
import * as THREE from 'three';

/** Outer frustum brightness: dim, so the footprint stands out. */
const OUTER_GAIN = 0.45;
/** Inner frustum brightness. */
const INNER_GAIN = 1.15;
/** Footprint outline width on the wall, m. */
const OUTLINE_M = 0.06;
/** LED cabinet size, m (the grid drawn on the sections). */
const CABINET_M = 0.5;
/** Footprints one section shows at most (cameras beyond are on the wall but not outlined here). */
export const MAX_SECTION_FOOTPRINTS = 4;

const VERTEX = /* glsl */ `
varying vec2 vUv;
varying vec3 vWorld;
void main() {
  vUv = uv;
  vec4 world = modelMatrix * vec4(position, 1.0);
  vWorld = world.xyz;
  gl_Position = projectionMatrix * viewMatrix * world;
}`;

const FRAGMENT = /* glsl */ `
uniform samplerCube envMap;
uniform float hasEnv;
uniform vec3 viewpoint;      // outer frustum eye, stage m
uniform vec2 footprints[${MAX_SECTION_FOOTPRINTS * 4}];   // per camera, image corners on the section, uv, BL BR TR TL; top first
uniform vec3 outlineColors[${MAX_SECTION_FOOTPRINTS}];
uniform int footprintCount;
uniform vec2 sectionSizeM;
varying vec2 vUv;
varying vec3 vWorld;

${FOOTPRINT_DISTANCE_GLSL}
void main() {
  vec3 base = hasEnv > 0.5 ? textureCube(envMap, normalize(vWorld - viewpoint)).rgb : vec3(0.05, 0.07, 0.12);
  float gain = ${OUTER_GAIN.toFixed(3)};
  vec2 p = vUv * sectionSizeM;
  float d[${MAX_SECTION_FOOTPRINTS}];
  for (int k = 0; k < ${MAX_SECTION_FOOTPRINTS}; k++) {
    vec2 fp[4];
    fp[0] = footprints[k * 4]; fp[1] = footprints[k * 4 + 1]; fp[2] = footprints[k * 4 + 2]; fp[3] = footprints[k * 4 + 3];
    d[k] = k < footprintCount ? footprintDistanceM(vUv, fp, sectionSizeM) : -1e6;
    gain = max(gain, mix(${OUTER_GAIN.toFixed(3)}, ${INNER_GAIN.toFixed(3)}, step(0.0, d[k])));
  }
  vec3 col = base * gain;
  // Cabinet seams.
  vec2 g = abs(fract(p / ${CABINET_M.toFixed(3)} + 0.5) - 0.5) * ${CABINET_M.toFixed(3)};
  col *= 1.0 - 0.35 * (1.0 - smoothstep(0.0, 0.012, min(g.x, g.y)));
  // Outlines bottom first; a higher footprint covers the outlines under it, as its image does on the wall.
  for (int k = ${MAX_SECTION_FOOTPRINTS - 1}; k >= 0; k--) {
    if (k >= footprintCount) continue;
    col = mix(col, col * 1.08, step(0.0, d[k]));
    col = mix(col, outlineColors[k], 1.0 - smoothstep(0.0, ${OUTLINE_M.toFixed(3)}, abs(d[k])));
  }
  gl_FragColor = vec4(col, 1.0);
  #include <colorspace_fragment>
}`;

export interface WallSectionUniforms {
  [name: string]: THREE.IUniform;
  envMap: THREE.IUniform<THREE.CubeTexture | null>;
  hasEnv: THREE.IUniform<number>;
  viewpoint: THREE.IUniform<THREE.Vector3>;
  footprints: THREE.IUniform<THREE.Vector2[]>;
  outlineColors: THREE.IUniform<THREE.Color[]>;
  footprintCount: THREE.IUniform<number>;
  sectionSizeM: THREE.IUniform<THREE.Vector2>;
}

export function createWallSectionMaterial(widthM: number, heightM: number): THREE.ShaderMaterial & { uniforms: WallSectionUniforms } {
  const uniforms: WallSectionUniforms = {
    envMap: { value: null },
    hasEnv: { value: 0 },
    viewpoint: { value: new THREE.Vector3() },
    footprints: { value: Array.from({ length: MAX_SECTION_FOOTPRINTS * 4 }, () => new THREE.Vector2()) },
    outlineColors: { value: Array.from({ length: MAX_SECTION_FOOTPRINTS }, () => new THREE.Color(0xffb020)) },
    footprintCount: { value: 0 },
    sectionSizeM: { value: new THREE.Vector2(widthM, heightM) },
  };
  // Front side only: from outside the volume you look through the walls (their edges stay drawn), as in a DCC tool.
  return new THREE.ShaderMaterial({ uniforms, vertexShader: VERTEX, fragmentShader: FRAGMENT, side: THREE.FrontSide }) as THREE.ShaderMaterial & { uniforms: WallSectionUniforms };
}

/** A quad through the section's corners (pa lower-left, pb lower-right, pc upper-left) with uv (0,0) at pa. */
export function createSectionGeometry(pa: readonly number[], pb: readonly number[], pc: readonly number[]): THREE.BufferGeometry {
  const pd = [pb[0]! + pc[0]! - pa[0]!, pb[1]! + pc[1]! - pa[1]!, pb[2]! + pc[2]! - pa[2]!]; // upper-right
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute([...pa, ...pb, ...pd, ...pc], 3));
  g.setAttribute('uv', new THREE.Float32BufferAttribute([0, 0, 1, 0, 1, 1, 0, 1], 2));
  g.setIndex([0, 1, 2, 0, 2, 3]);
  g.computeVertexNormals();
  return g;
}
