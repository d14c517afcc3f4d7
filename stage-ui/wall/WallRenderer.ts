// Draws one LED wall: per section, the outer frustum (fixed viewpoint, for light and reflections) and the tracked
// camera's inner frustum (off-axis from the eye), composited with a feathered edge, optional border and colour gain.
import * as THREE from 'three';
import type { WallFrameWire, WallWire } from '../../engine/protocol/LiveMessages.ts';
import { FOOTPRINT_DISTANCE_GLSL } from '../scene/footprintDistanceGlsl.ts';

export interface WallLook {
  /** Soft edge of the inner frustum, m on the wall. */
  featherM: number;
  /** Width of the inner-frustum border line, m; 0 = none. */
  borderM: number;
  borderColor: THREE.Color;
  /** Per-channel gain for LED colour matching. */
  gain: THREE.Vector3;
}

const COMPOSITE_VERTEX = /* glsl */ `
varying vec2 vUv;
void main() { vUv = uv; gl_Position = vec4(position.xy, 0.0, 1.0); }`;

const COMPOSITE_FRAGMENT = /* glsl */ `
uniform sampler2D outerTex;
uniform sampler2D innerTex;
uniform vec2 targetSizePx;
uniform vec2 footprint[4];   // camera image corners on the section, uv, BL BR TR TL
uniform float hasInner;
uniform vec2 sectionSizeM;
uniform float featherM;
uniform float borderM;
uniform vec3 borderColor;
uniform vec3 gain;
varying vec2 vUv;

${FOOTPRINT_DISTANCE_GLSL}
void main() {
  vec2 st = gl_FragCoord.xy / targetSizePx;
  vec3 col = texture2D(outerTex, st).rgb;
  if (hasInner > 0.5) {
    float d = footprintDistanceM(vUv, footprint, sectionSizeM);
    float mask = smoothstep(0.0, max(featherM, 1e-4), d);
    col = mix(col, texture2D(innerTex, st).rgb, mask);
    if (borderM > 0.0) col = mix(col, borderColor, 1.0 - smoothstep(0.0, borderM, abs(d)));
  }
  gl_FragColor = vec4(col * gain, 1.0);
  #include <tonemapping_fragment>
  #include <colorspace_fragment>
}`;

interface SectionView {
  /** Viewport in GL convention (origin bottom-left), px at the render scale. */
  viewport: THREE.Vector4;
  outerCamera: THREE.Camera | null;
  material: THREE.ShaderMaterial;
}

export class WallRenderer {
  readonly renderer: THREE.WebGLRenderer;
  readonly widthPx: number;
  readonly heightPx: number;
  private readonly sections: SectionView[];
  private readonly outerTarget: THREE.WebGLRenderTarget;
  private readonly innerTarget: THREE.WebGLRenderTarget;
  private readonly innerCamera = new THREE.Camera();
  private readonly quadScene = new THREE.Scene();
  private readonly quad: THREE.Mesh;
  private readonly quadCamera = new THREE.Camera();
  private frame: WallFrameWire | undefined;
  private readonly sceneGain = new THREE.Vector3(1, 1, 1);
  scene: THREE.Scene;

  constructor(canvas: HTMLCanvasElement, wall: WallWire, scene: THREE.Scene, scale: number, private readonly look: WallLook) {
    this.scene = scene;
    this.widthPx = Math.max(1, Math.round(wall.resolutionPx[0] * scale));
    this.heightPx = Math.max(1, Math.round(wall.resolutionPx[1] * scale));
    this.renderer = new THREE.WebGLRenderer({ canvas, antialias: false, powerPreference: 'high-performance' });
    this.renderer.setPixelRatio(1);
    this.renderer.setSize(this.widthPx, this.heightPx, false);
    this.renderer.toneMapping = THREE.ACESFilmicToneMapping;
    this.renderer.autoClear = false;

    // Half-float targets keep the linear light of both frusta before the final tone map.
    const type = this.renderer.extensions.has('EXT_color_buffer_float') ? THREE.HalfFloatType : THREE.UnsignedByteType;
    this.outerTarget = new THREE.WebGLRenderTarget(this.widthPx, this.heightPx, { type, depthBuffer: true });
    this.innerTarget = new THREE.WebGLRenderTarget(this.widthPx, this.heightPx, { type, depthBuffer: true });
    this.innerCamera.matrixAutoUpdate = false;
    this.innerCamera.matrixWorldAutoUpdate = false;

    this.quad = new THREE.Mesh(new THREE.PlaneGeometry(2, 2));
    this.quad.frustumCulled = false;
    this.quadScene.add(this.quad);

    this.sections = wall.sections.map((s) => {
      const [x, y, w, h] = s.viewportPx;
      const viewport = new THREE.Vector4(
        Math.round(x * scale),
        this.heightPx - Math.round((y + h) * scale),
        Math.max(1, Math.round(w * scale)),
        Math.max(1, Math.round(h * scale)),
      );
      const material = new THREE.ShaderMaterial({
        vertexShader: COMPOSITE_VERTEX,
        fragmentShader: COMPOSITE_FRAGMENT,
        depthTest: false,
        depthWrite: false,
        toneMapped: true,
        uniforms: {
          outerTex: { value: this.outerTarget.texture },
          innerTex: { value: this.innerTarget.texture },
          targetSizePx: { value: new THREE.Vector2(this.widthPx, this.heightPx) },
          footprint: { value: [new THREE.Vector2(), new THREE.Vector2(), new THREE.Vector2(), new THREE.Vector2()] },
          hasInner: { value: 0 },
          sectionSizeM: { value: new THREE.Vector2(s.widthM, s.heightM) },
          featherM: { value: look.featherM },
          borderM: { value: look.borderM },
          borderColor: { value: look.borderColor },
          gain: { value: look.gain.clone() },
        },
      });
      return { viewport, outerCamera: s.outer ? cameraFromMatrices(s.outer.projection, s.outer.view) : null, material };
    });
  }

  /** Show another scene from the next render; `gain` multiplies the wall's own LED gain (scene calibration). */
  setScene(scene: THREE.Scene, exposure: number, gain: [number, number, number] | undefined): void {
    this.scene = scene;
    this.renderer.toneMappingExposure = exposure;
    const g = this.sceneGain;
    g.set(...(gain ?? [1, 1, 1]));
    for (const s of this.sections) (s.material.uniforms.gain!.value as THREE.Vector3).copy(this.look.gain).multiply(g);
  }

  /** Keep the newest frame; `render()` draws it. */
  setFrame(frame: WallFrameWire | undefined): void {
    this.frame = frame;
  }

  render(): void {
    const r = this.renderer;
    r.setScissorTest(true);
    // Outer frustum: every section from the fixed stage viewpoint.
    r.setRenderTarget(this.outerTarget);
    r.setScissorTest(false);
    r.clear();
    r.setScissorTest(true);
    for (const s of this.sections) {
      if (!s.outerCamera) continue;
      r.setViewport(s.viewport);
      r.setScissor(s.viewport);
      r.render(this.scene, s.outerCamera);
    }
    // Inner frustum: the tracked eye, only on sections the camera sees.
    r.setRenderTarget(this.innerTarget);
    r.setScissorTest(false);
    r.clear();
    r.setScissorTest(true);
    this.sections.forEach((s, i) => {
      const inner = this.frame?.sections[i];
      const visible = !!(inner?.projection && inner.view && inner.footprint);
      s.material.uniforms.hasInner!.value = visible ? 1 : 0;
      if (!visible) return;
      setCameraMatrices(this.innerCamera, inner.projection!, inner.view!);
      const fp = s.material.uniforms.footprint!.value as THREE.Vector2[];
      for (let k = 0; k < 4; k++) fp[k]!.set(inner.footprint![2 * k]!, inner.footprint![2 * k + 1]!);
      r.setViewport(s.viewport);
      r.setScissor(s.viewport);
      r.render(this.scene, this.innerCamera);
    });
    // Composite to the canvas.
    r.setRenderTarget(null);
    r.setScissorTest(false);
    r.clear();
    r.setScissorTest(true);
    for (const s of this.sections) {
      this.quad.material = s.material;
      r.setViewport(s.viewport);
      r.setScissor(s.viewport);
      r.render(this.quadScene, this.quadCamera);
    }
    r.setScissorTest(false);
  }

  dispose(): void {
    this.outerTarget.dispose();
    this.innerTarget.dispose();
    for (const s of this.sections) s.material.dispose();
    this.renderer.dispose();
  }
}

function cameraFromMatrices(projection: number[], view: number[]): THREE.Camera {
  const camera = new THREE.Camera();
  camera.matrixAutoUpdate = false;
  camera.matrixWorldAutoUpdate = false;
  setCameraMatrices(camera, projection, view);
  return camera;
}

/** The engine sends view (world → eye) and projection; three wants matrixWorld too, for culling and lighting. */
function setCameraMatrices(camera: THREE.Camera, projection: number[], view: number[]): void {
  camera.projectionMatrix.fromArray(projection);
  camera.projectionMatrixInverse.copy(camera.projectionMatrix).invert();
  camera.matrixWorldInverse.fromArray(view);
  camera.matrixWorld.copy(camera.matrixWorldInverse).invert();
  camera.matrix.copy(camera.matrixWorld);
}
