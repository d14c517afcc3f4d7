// Draws one LED wall: per section, the outer frustum (fixed viewpoint, for light and reflections) and every enabled
// tracked camera's inner frustum (off-axis from its eye) in priority order, each with a feathered edge and optional
// border in its camera's colour, then the LED colour gain and one tone map.
import * as THREE from 'three';
import type { FrameMessage, WallWire } from '../../engine/protocol/LiveMessages.ts';
import { FOOTPRINT_DISTANCE_GLSL } from '../scene/footprintDistanceGlsl.ts';
import { createCalibrationGridScene } from './calibrationGridScene.ts';

export interface WallLook {
  /** Soft edge of the inner frustum, m on the wall. */
  featherM: number;
  /** Width of the inner-frustum border line, m; 0 = none. */
  borderM: number;
  /** Border colour; null = each camera's own colour (the stage's), so a crew can tell the frusta apart. */
  borderColor: THREE.Color | null;
  /** Per-channel gain for LED colour matching. */
  gain: THREE.Vector3;
  /** Fill each inner frustum with its camera's flat colour (to check which frustum is which, and their order). */
  identify: boolean;
}

/** Renders after a scene swap that redraw the outer frustum. */
const OUTER_FRESH_RENDERS = 8;
/** Then it is redrawn every this many renders (about a second at 50 fps). */
const OUTER_REFRESH_RENDERS = 50;

const QUAD_VERTEX = /* glsl */ `
varying vec2 vUv;
void main() { vUv = uv; gl_Position = vec4(position.xy, 0.0, 1.0); }`;

// One layer: what is already composited (base) with one camera's inner frustum over it, in linear light.
const LAYER_FRAGMENT = /* glsl */ `
uniform sampler2D baseTex;
uniform sampler2D innerTex;
uniform vec2 targetSizePx;
uniform vec2 footprint[4];   // camera image corners on the section, uv, BL BR TR TL
uniform float hasInner;
uniform vec2 sectionSizeM;
uniform float featherM;
uniform float borderM;
uniform vec3 borderColor;
uniform float identify;
varying vec2 vUv;

${FOOTPRINT_DISTANCE_GLSL}
void main() {
  vec2 st = gl_FragCoord.xy / targetSizePx;
  vec3 col = texture2D(baseTex, st).rgb;
  if (hasInner > 0.5) {
    float d = footprintDistanceM(vUv, footprint, sectionSizeM);
    float mask = smoothstep(0.0, max(featherM, 1e-4), d);
    vec3 inner = identify > 0.5 ? borderColor : texture2D(innerTex, st).rgb;
    col = mix(col, inner, mask);
    if (borderM > 0.0) col = mix(col, borderColor, 1.0 - smoothstep(0.0, borderM, abs(d)));
  }
  gl_FragColor = vec4(col, 1.0);
}`;

// The composited wall to the canvas: LED gain, tone map, output colour space.
const PRESENT_FRAGMENT = /* glsl */ `
uniform sampler2D wallTex;
uniform vec2 targetSizePx;
uniform vec3 gain;
void main() {
  gl_FragColor = vec4(texture2D(wallTex, gl_FragCoord.xy / targetSizePx).rgb * gain, 1.0);
  #include <tonemapping_fragment>
  #include <colorspace_fragment>
}`;

interface SectionView {
  /** Viewport in GL convention (origin bottom-left), px at the render scale. */
  viewport: THREE.Vector4;
  outerCamera: THREE.Camera | null;
  layer: THREE.ShaderMaterial;
}

/**
 * Frusta are layered bottom first: the outer frustum, then each section's inner frusta from the lowest priority to
 * the highest, each a pass that mixes one camera's render over what is there (ping-pong between two targets), so
 * four render targets serve any number of cameras. The frame lists each section's frusta top first. The outer frustum
 * is seen from a fixed eye and scenes are static, so it is kept from frame to frame (on a software-GL node it was most
 * of the frame's cost), redrawn for the first renders of a scene (its shaders and textures reach the GPU over the
 * first frames: the very first draw can miss objects) and then once a second in case anything changed.
 */
export class WallRenderer {
  readonly renderer: THREE.WebGLRenderer;
  readonly widthPx: number;
  readonly heightPx: number;
  private readonly sections: SectionView[];
  /** The outer frustum, kept from frame to frame. */
  private readonly outerTarget: THREE.WebGLRenderTarget;
  private rendersSinceScene = 0;
  /** Ping-pong pair: each layer mixes one camera over the wall so far, from one into the other. */
  private readonly wallTargets: [THREE.WebGLRenderTarget, THREE.WebGLRenderTarget];
  private readonly innerTarget: THREE.WebGLRenderTarget;
  private readonly innerCamera = new THREE.Camera();
  private readonly quadScene = new THREE.Scene();
  private readonly quad: THREE.Mesh;
  private readonly quadCamera = new THREE.Camera();
  private readonly present: THREE.ShaderMaterial;
  /** Per section, the target holding its composited wall so far (reused every render). */
  private readonly sectionSource: THREE.WebGLRenderTarget[];
  private readonly cameraColors = new Map<string, THREE.Color>();
  private readonly fallbackColor = new THREE.Color('#ffffff');
  private frame: FrameMessage | undefined;
  private readonly wallId: string;
  private readonly sceneGain = new THREE.Vector3(1, 1, 1);
  scene: THREE.Scene;
  /** Built on the first pan-stop test. */
  private calibrationScene: THREE.Scene | undefined;

  constructor(canvas: HTMLCanvasElement, wall: WallWire, scene: THREE.Scene, scale: number, private readonly look: WallLook) {
    this.scene = scene;
    this.wallId = wall.id;
    this.widthPx = Math.max(1, Math.round(wall.resolutionPx[0] * scale));
    this.heightPx = Math.max(1, Math.round(wall.resolutionPx[1] * scale));
    this.renderer = new THREE.WebGLRenderer({ canvas, antialias: false, powerPreference: 'high-performance' });
    this.renderer.setPixelRatio(1);
    this.renderer.setSize(this.widthPx, this.heightPx, false);
    this.renderer.toneMapping = THREE.ACESFilmicToneMapping;
    this.renderer.autoClear = false;

    // Half-float targets keep the linear light of every frustum until the one tone map at the end.
    const type = this.renderer.extensions.has('EXT_color_buffer_float') ? THREE.HalfFloatType : THREE.UnsignedByteType;
    const target = () => new THREE.WebGLRenderTarget(this.widthPx, this.heightPx, { type, depthBuffer: true });
    this.outerTarget = target();
    this.wallTargets = [target(), target()];
    this.innerTarget = target();
    this.innerCamera.matrixAutoUpdate = false;
    this.innerCamera.matrixWorldAutoUpdate = false;

    this.quad = new THREE.Mesh(new THREE.PlaneGeometry(2, 2));
    this.quad.frustumCulled = false;
    this.quadScene.add(this.quad);
    const targetSizePx = new THREE.Vector2(this.widthPx, this.heightPx);
    this.present = new THREE.ShaderMaterial({
      vertexShader: QUAD_VERTEX,
      fragmentShader: PRESENT_FRAGMENT,
      depthTest: false,
      depthWrite: false,
      toneMapped: true,
      uniforms: { wallTex: { value: null }, targetSizePx: { value: targetSizePx }, gain: { value: look.gain.clone() } },
    });

    this.sections = wall.sections.map((s) => {
      const [x, y, w, h] = s.viewportPx;
      const viewport = new THREE.Vector4(
        Math.round(x * scale),
        this.heightPx - Math.round((y + h) * scale),
        Math.max(1, Math.round(w * scale)),
        Math.max(1, Math.round(h * scale)),
      );
      const layer = new THREE.ShaderMaterial({
        vertexShader: QUAD_VERTEX,
        fragmentShader: LAYER_FRAGMENT,
        depthTest: false,
        depthWrite: false,
        toneMapped: false,
        uniforms: {
          baseTex: { value: null },
          innerTex: { value: this.innerTarget.texture },
          targetSizePx: { value: targetSizePx },
          footprint: { value: [new THREE.Vector2(), new THREE.Vector2(), new THREE.Vector2(), new THREE.Vector2()] },
          hasInner: { value: 0 },
          sectionSizeM: { value: new THREE.Vector2(s.widthM, s.heightM) },
          featherM: { value: look.featherM },
          borderM: { value: look.borderM },
          borderColor: { value: new THREE.Color() },
          identify: { value: look.identify ? 1 : 0 },
        },
      });
      return { viewport, outerCamera: s.outer ? cameraFromMatrices(s.outer.projection, s.outer.view) : null, layer };
    });
    this.sectionSource = this.sections.map(() => this.outerTarget);
  }

  /** Show another scene from the next render; `gain` multiplies the wall's own LED gain (scene calibration). */
  setScene(scene: THREE.Scene, exposure: number, gain: [number, number, number] | undefined): void {
    this.scene = scene;
    this.rendersSinceScene = 0;
    this.renderer.toneMappingExposure = exposure;
    this.sceneGain.set(...(gain ?? [1, 1, 1]));
    (this.present.uniforms.gain!.value as THREE.Vector3).copy(this.look.gain).multiply(this.sceneGain);
  }

  /** Keep the newest frame; `render()` draws it. */
  setFrame(frame: FrameMessage | undefined): void {
    this.frame = frame;
    if (!frame) return;
    for (const c of frame.cameras) if (!this.cameraColors.has(c.id)) this.cameraColors.set(c.id, new THREE.Color(c.color));
  }

  render(): void {
    const r = this.renderer;
    const sections = this.frame?.walls[this.wallId]?.sections;
    // Outer frustum: every section from the fixed stage viewpoint, when it may have changed.
    const n = this.rendersSinceScene++;
    if (n < OUTER_FRESH_RENDERS || n % OUTER_REFRESH_RENDERS === 0) {
      this.beginPass(this.outerTarget);
      for (const s of this.sections) {
        if (!s.outerCamera) continue;
        r.setViewport(s.viewport);
        r.setScissor(s.viewport);
        r.render(this.scene, s.outerCamera);
      }
    }
    // The pan-stop test swaps what the inner frusta show for a grid fixed in the virtual world.
    const innerScene = this.frame?.calibration === 'grid' ? (this.calibrationScene ??= createCalibrationGridScene()) : this.scene;
    // Where each section's wall so far is: the outer frustum until a layer mixes a camera over it.
    const source = this.sectionSource;
    source.fill(this.outerTarget);
    let layers = 0;
    if (sections) for (const s of sections) layers = Math.max(layers, s.frusta.length);
    const [a, b] = this.wallTargets; // a section mixes from one into the other
    for (let pass = 0; pass < layers; pass++) {
      // Inner frusta of this layer: on each section, its (count - 1 - pass)-th, so the top one comes last.
      this.beginPass(this.innerTarget);
      this.sections.forEach((s, i) => {
        const frusta = sections![i]?.frusta;
        const f = frusta?.[frusta.length - 1 - pass];
        const u = s.layer.uniforms;
        u.hasInner!.value = f ? 1 : 0;
        if (!f) return;
        setCameraMatrices(this.innerCamera, f.projection, f.view);
        const fp = u.footprint!.value as THREE.Vector2[];
        for (let k = 0; k < 4; k++) fp[k]!.set(f.footprint[2 * k]!, f.footprint[2 * k + 1]!);
        (u.borderColor!.value as THREE.Color).copy(this.look.borderColor ?? this.cameraColors.get(f.cameraId) ?? this.fallbackColor);
        r.setViewport(s.viewport);
        r.setScissor(s.viewport);
        r.render(innerScene, this.innerCamera);
      });
      // Mix them over each section's wall so far, into the other ping-pong target; untouched sections stay where
      // they are (no copies: on software GL every draw counts).
      for (const target of this.wallTargets) {
        let begun = false;
        this.sections.forEach((s, i) => {
          if (s.layer.uniforms.hasInner!.value === 0) return;
          const into = source[i] === a ? b : a;
          if (into !== target) return;
          if (!begun) this.beginPass(target, false);
          begun = true;
          s.layer.uniforms.baseTex!.value = source[i]!.texture;
          this.drawQuad(s.layer, s.viewport);
          source[i] = target;
        });
      }
    }
    // To the canvas, each section from wherever its layers ended.
    this.beginPass(null);
    this.sections.forEach((s, i) => {
      this.present.uniforms.wallTex!.value = source[i]!.texture;
      this.drawQuad(this.present, s.viewport);
    });
    r.setScissorTest(false);
  }

  dispose(): void {
    this.outerTarget.dispose();
    for (const t of this.wallTargets) t.dispose();
    this.innerTarget.dispose();
    for (const s of this.sections) s.layer.dispose();
    this.present.dispose();
    this.renderer.dispose();
  }

  private beginPass(target: THREE.WebGLRenderTarget | null, clear = true): void {
    const r = this.renderer;
    r.setRenderTarget(target);
    r.setScissorTest(false);
    if (clear) r.clear();
    r.setScissorTest(true);
  }

  private drawQuad(material: THREE.ShaderMaterial, viewport: THREE.Vector4): void {
    this.quad.material = material;
    this.renderer.setViewport(viewport);
    this.renderer.setScissor(viewport);
    this.renderer.render(this.quadScene, this.quadCamera);
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
