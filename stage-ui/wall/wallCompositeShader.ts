// GLSL of the wall's one composite pass: per section, the outer frustum with every camera's image over it, bottom
// first, each mapped onto the section through the camera's view-projection and feathered at its footprint's edge,
// then the LED gain and the one tone map, all in linear light until the end.
import { FOOTPRINT_DISTANCE_GLSL } from '../scene/footprintDistanceGlsl.ts';

/** Cameras one section can layer in one pass; more are counted as not drawn (stages run one to four). */
export const MAX_WALL_LAYERS = 8;

export const COMPOSITE_VERTEX = /* glsl */ `
varying vec2 vUv;
void main() { vUv = uv; gl_Position = vec4(position.xy, 0.0, 1.0); }`;

export const COMPOSITE_FRAGMENT = /* glsl */ `
#define MAX_LAYERS ${MAX_WALL_LAYERS}
uniform sampler2D outerTex;              // the outer frustum, canvas-sized
uniform sampler2D atlasTex;              // every camera's own image, side by side
uniform vec2 targetSizePx;
uniform int layerCount;
uniform mat4 viewProj[MAX_LAYERS];       // world → each camera image's clip space, bottom layer first
uniform vec4 atlasRect[MAX_LAYERS];      // where each image sits in the atlas: uv offset (xy) and size (zw)
uniform vec2 footprint[MAX_LAYERS * 4];  // each camera image's corners on the section, uv, BL BR TR TL
uniform vec3 borderColor[MAX_LAYERS];
uniform vec3 pa;                         // the section's lower-left, lower-right, upper-left corners, stage metres
uniform vec3 pb;
uniform vec3 pc;
uniform vec2 sectionSizeM;
uniform float featherM;
uniform float borderM;
uniform float identify;
uniform vec3 gain;
varying vec2 vUv;

${FOOTPRINT_DISTANCE_GLSL}
void main() {
  vec3 col = texture2D(outerTex, gl_FragCoord.xy / targetSizePx).rgb;
  // This pixel's point on the wall: each camera shows what its image has along the ray from its eye to the point.
  vec4 point = vec4(pa + (pb - pa) * vUv.x + (pc - pa) * vUv.y, 1.0);
  for (int i = 0; i < MAX_LAYERS; i++) {
    if (i >= layerCount) break;
    vec2 fp[4] = vec2[4](footprint[4 * i], footprint[4 * i + 1], footprint[4 * i + 2], footprint[4 * i + 3]);
    float d = footprintDistanceM(vUv, fp, sectionSizeM);
    float mask = smoothstep(0.0, max(featherM, 1e-4), d);
    vec4 clip = viewProj[i] * point;
    vec2 cuv = clamp(clip.xy / clip.w * 0.5 + 0.5, 0.0, 1.0);
    vec3 inner = identify > 0.5 ? borderColor[i] : texture2D(atlasTex, atlasRect[i].xy + cuv * atlasRect[i].zw).rgb;
    col = mix(col, inner, mask);
    if (borderM > 0.0) col = mix(col, borderColor[i], 1.0 - smoothstep(0.0, borderM, abs(d)));
  }
  gl_FragColor = vec4(col * gain, 1.0);
  #include <tonemapping_fragment>
  #include <colorspace_fragment>
}`;
