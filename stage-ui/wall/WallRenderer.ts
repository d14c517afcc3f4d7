// Draws one LED wall: per section, the outer frustum (fixed viewpoint, for light and reflections) and every enabled
// tracked camera's inner frustum in priority order, each with a feathered edge and optional border in its camera's
// colour, then the LED colour gain and one tone map.
import * as THREE from 'three';
import type { CameraFrameWire, FrameMessage, InnerFrustumWire, SectionProjectionWire, WallWire } from '../../engine/protocol/LiveMessages.ts';
import { cameraImageHeightPx, cameraImageOverscan, cameraImageProjection, footprintImageHeightPx } from './cameraImage.ts';
import { createCalibrationGridScene } from './calibrationGridScene.ts';
import { COMPOSITE_FRAGMENT, COMPOSITE_VERTEX, MAX_WALL_LAYERS } from './wallCompositeShader.ts';

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
/** Texels between camera images in the atlas, so filtering at an image's edge never reads its neighbour. */
const ATLAS_GUTTER_PX = 2;

interface SectionView {
  /** Viewport in GL convention (origin bottom-left), px at the render scale. */
  viewport: THREE.Vector4;
  outerCamera: THREE.Camera | null;
  composite: THREE.ShaderMaterial;
}

/**
 * Each frame costs two passes, whatever the number of cameras: every camera's own image (its overscanned view from
 * its eye) into one atlas, one scene render each; then, per section, one quad that samples the outer frustum and
 * layers the cameras over it bottom first, each image mapped onto the section through the camera's view-projection
 * (the same picture the section's off-axis projection from that eye gives). Render-pass switches, not draws, are what
 * a software-GL node pays for: a ping-pong per camera halved its frame rate. The outer frustum is seen from a fixed
 * eye and scenes are static, so it is kept from frame to frame, redrawn for the first renders of a scene (its shaders
 * and textures reach the GPU over the first frames: the very first draw can miss objects) and then once a second.
 */
export class WallRenderer {
  readonly renderer: THREE.WebGLRenderer;
  readonly widthPx: number;
  readonly heightPx: number;
  /** Cameras that reached a section already layering MAX_WALL_LAYERS, since start (not drawn there). */
  layersOverCap = 0;
  private readonly sections: SectionView[];
  /** The outer frustum, kept from frame to frame. */
  private readonly outerTarget: THREE.WebGLRenderTarget;
  private rendersSinceScene = 0;
  /** Every camera's image this frame, side by side. */
  private readonly atlas: THREE.WebGLRenderTarget;
  private readonly innerCamera = new THREE.Camera();
  private readonly innerPosition = new THREE.Vector3();
  private readonly innerRotation = new THREE.Quaternion();
  /** Per atlas slot (this frame's cameras on the wall, bottom first): the camera's index, world → image, where it sits. */
  private readonly order: number[] = [];
  private readonly viewProj: THREE.Matrix4[] = [];
  private readonly slotRect: THREE.Vector4[] = [];
  private readonly slotViewport = new THREE.Vector4();
  /** While compositing a section: per layer, the atlas slot it draws (a section may not see every camera). */
  private readonly sectionSlot: number[] = new Array<number>(MAX_WALL_LAYERS).fill(0);
  private readonly quadScene = new THREE.Scene();
  private readonly quad: THREE.Mesh;
  private readonly quadCamera = new THREE.Camera();
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
    this.outerTarget = new THREE.WebGLRenderTarget(this.widthPx, this.heightPx, { type, depthBuffer: true });
    this.atlas = new THREE.WebGLRenderTarget(1, 1, { type, depthBuffer: true });
    this.innerCamera.matrixAutoUpdate = false;
    this.innerCamera.matrixWorldAutoUpdate = false;
    for (let i = 0; i < MAX_WALL_LAYERS; i++) {
      this.viewProj.push(new THREE.Matrix4());
      this.slotRect.push(new THREE.Vector4());
    }

    this.quad = new THREE.Mesh(new THREE.PlaneGeometry(2, 2));
    this.quad.frustumCulled = false;
    this.quadScene.add(this.quad);
    const targetSizePx = new THREE.Vector2(this.widthPx, this.heightPx);
    const gain = look.gain.clone();
    this.sections = wall.sections.map((s) => {
      const [x, y, w, h] = s.viewportPx;
      const viewport = new THREE.Vector4(
        Math.round(x * scale),
        this.heightPx - Math.round((y + h) * scale),
        Math.max(1, Math.round(w * scale)),
        Math.max(1, Math.round(h * scale)),
      );
      const composite = new THREE.ShaderMaterial({
        vertexShader: COMPOSITE_VERTEX,
        fragmentShader: COMPOSITE_FRAGMENT,
        depthTest: false,
        depthWrite: false,
        toneMapped: true,
        uniforms: {
          outerTex: { value: this.outerTarget.texture },
          atlasTex: { value: this.atlas.texture },
          targetSizePx: { value: targetSizePx },
          layerCount: { value: 0 },
          // Per layer of this section, its camera's slot's matrix and atlas place (references, set each frame).
          viewProj: { value: [...this.viewProj] },
          atlasRect: { value: [...this.slotRect] },
          footprint: { value: Array.from({ length: 4 * MAX_WALL_LAYERS }, () => new THREE.Vector2()) },
          borderColor: { value: Array.from({ length: MAX_WALL_LAYERS }, () => new THREE.Color()) },
          pa: { value: new THREE.Vector3(...s.pa) },
          pb: { value: new THREE.Vector3(...s.pb) },
          pc: { value: new THREE.Vector3(...s.pc) },
          sectionSizeM: { value: new THREE.Vector2(s.widthM, s.heightM) },
          featherM: { value: look.featherM },
          borderM: { value: look.borderM },
          identify: { value: look.identify ? 1 : 0 },
          gain: { value: gain },
        },
      });
      return { viewport, outerCamera: s.outer ? cameraFromMatrices(s.outer.projection, s.outer.view) : null, composite };
    });
  }

  /** Show another scene from the next render; `gain` multiplies the wall's own LED gain (scene calibration). */
  setScene(scene: THREE.Scene, exposure: number, gain: [number, number, number] | undefined): void {
    this.scene = scene;
    this.rendersSinceScene = 0;
    this.renderer.toneMappingExposure = exposure;
    this.sceneGain.set(...(gain ?? [1, 1, 1]));
    for (const s of this.sections) (s.composite.uniforms.gain!.value as THREE.Vector3).copy(this.look.gain).multiply(this.sceneGain);
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
    const cameras = this.frame?.cameras;
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
    const slots = sections && cameras ? this.drawOrder(cameras, sections) : 0;
    if (slots > 0) this.renderCameraImages(cameras!, sections!, slots);
    // The composite, straight to the canvas.
    this.beginPass(null);
    this.sections.forEach((s, i) => {
      const u = s.composite.uniforms;
      let layers = 0;
      for (let k = 0; k < slots; k++) {
        const camera = cameras![this.order[k]!]!;
        const f = frustumOf(sections![i], camera.id);
        if (!f) continue;
        if (layers === MAX_WALL_LAYERS) {
          this.layersOverCap++;
          continue;
        }
        const fp = u.footprint!.value as THREE.Vector2[];
        for (let c = 0; c < 4; c++) fp[4 * layers + c]!.set(f.footprint[2 * c]!, f.footprint[2 * c + 1]!);
        (u.borderColor!.value as THREE.Color[])[layers]!.copy(this.look.borderColor ?? this.cameraColors.get(camera.id) ?? this.fallbackColor);
        // Layer `layers` of this section is slot k: point its matrix and atlas place at the slot's.
        this.sectionSlot[layers] = k;
        layers++;
      }
      u.layerCount!.value = layers;
      this.bindSlots(u, layers);
      this.quad.material = s.composite;
      r.setViewport(s.viewport);
      r.setScissor(s.viewport);
      r.render(this.quadScene, this.quadCamera);
    });
    r.setScissorTest(false);
  }

  dispose(): void {
    this.outerTarget.dispose();
    this.atlas.dispose();
    for (const s of this.sections) s.composite.dispose();
    this.renderer.dispose();
  }

  /** Points a section's per-layer matrices and atlas places at its layers' slots (arrays reused, no allocation). */
  private bindSlots(u: Record<string, THREE.IUniform>, layers: number): void {
    const vp = u.viewProj!.value as THREE.Matrix4[];
    const rect = u.atlasRect!.value as THREE.Vector4[];
    for (let l = 0; l < layers; l++) {
      vp[l] = this.viewProj[this.sectionSlot[l]!]!;
      rect[l] = this.slotRect[this.sectionSlot[l]!]!;
    }
  }

  /** Every slot's camera image into the atlas, side by side, each at about the wall's pixel pitch. */
  private renderCameraImages(cameras: readonly CameraFrameWire[], sections: readonly SectionProjectionWire[], slots: number): void {
    const r = this.renderer;
    // One height for every slot (the largest need), so the atlas is a row of equal cells.
    let needPx = 0;
    let widest = 0;
    for (let k = 0; k < slots; k++) {
      const camera = cameras[this.order[k]!]!;
      widest = Math.max(widest, camera.aspect);
      for (let i = 0; i < this.sections.length; i++) {
        const f = frustumOf(sections[i], camera.id);
        const v = this.sections[i]!.viewport;
        if (f) needPx = Math.max(needPx, footprintImageHeightPx(f.footprint, v.z, v.w, camera.aspect));
      }
    }
    // At most twice the wall's height, and a row of cells no wider than the GPU allows.
    const maxTexturePx = this.renderer.capabilities.maxTextureSize;
    const maxCellH = Math.min(2 * this.heightPx, (maxTexturePx / slots - ATLAS_GUTTER_PX) / widest);
    const cellH = Math.min(cameraImageHeightPx(needPx, maxCellH), Math.floor(maxCellH));
    const cellW = Math.ceil(cellH * widest) + ATLAS_GUTTER_PX;
    const atlasW = cellW * slots;
    // Grow to fit; shrink only when far too big (reallocating is slow).
    const atlas = this.atlas;
    if (atlas.width < atlasW || atlas.height < cellH || atlas.width > 2 * atlasW || atlas.height > 2 * cellH) atlas.setSize(atlasW, cellH);
    this.beginPass(atlas);
    const scene = this.frame?.calibration === 'grid' ? (this.calibrationScene ??= createCalibrationGridScene()) : this.scene;
    for (let k = 0; k < slots; k++) {
      const camera = cameras[this.order[k]!]!;
      const w = Math.max(1, Math.round(cellH * camera.aspect));
      this.slotViewport.set(k * cellW, 0, w, cellH);
      this.slotRect[k]!.set(k * cellW / atlas.width, 0, w / atlas.width, cellH / atlas.height);
      this.setInnerCamera(camera, this.viewProj[k]!);
      r.setViewport(this.slotViewport);
      r.setScissor(this.slotViewport);
      r.render(scene, this.innerCamera);
    }
  }

  /**
   * Fills `this.order` with the indices in `cameras` of those with a frustum on this wall, bottom first: highest
   * priority number first, ties in reverse listing order (the engine puts the earlier-listed camera on top); at most
   * MAX_WALL_LAYERS of the top ones.
   */
  private drawOrder(cameras: readonly CameraFrameWire[], sections: readonly SectionProjectionWire[]): number {
    const order = this.order;
    order.length = 0;
    for (let i = 0; i < cameras.length; i++) {
      if (!cameras[i]!.innerFrustum.enabled) continue;
      let reaches = false;
      for (let k = 0; k < sections.length && !reaches; k++) reaches = frustumOf(sections[k], cameras[i]!.id) !== undefined;
      if (!reaches) continue;
      // Insertion sort: a handful of cameras, no allocation.
      let j = order.length;
      order.push(i);
      while (j > 0 && cameras[order[j - 1]!]!.innerFrustum.priority <= cameras[i]!.innerFrustum.priority) {
        order[j] = order[j - 1]!;
        j--;
      }
      order[j] = i;
    }
    if (order.length > MAX_WALL_LAYERS) order.splice(0, order.length - MAX_WALL_LAYERS);
    return order.length;
  }

  /** The inner camera at `camera`'s eye with its overscanned image; `viewProj` gets world → that image. */
  private setInnerCamera(camera: CameraFrameWire, viewProj: THREE.Matrix4): void {
    const c = this.innerCamera;
    cameraImageProjection(camera.vFovRad, camera.aspect, cameraImageOverscan(camera), c.projectionMatrix.elements);
    c.projectionMatrixInverse.copy(c.projectionMatrix).invert();
    this.innerPosition.fromArray(camera.position);
    this.innerRotation.fromArray(camera.rotation);
    c.matrixWorld.compose(this.innerPosition, this.innerRotation, UNIT_SCALE);
    c.matrix.copy(c.matrixWorld);
    c.matrixWorldInverse.copy(c.matrixWorld).invert();
    viewProj.multiplyMatrices(c.projectionMatrix, c.matrixWorldInverse);
  }

  private beginPass(target: THREE.WebGLRenderTarget | null): void {
    const r = this.renderer;
    r.setRenderTarget(target);
    r.setScissorTest(false);
    r.clear();
    r.setScissorTest(true);
  }
}

const UNIT_SCALE = new THREE.Vector3(1, 1, 1);

/** `cameraId`'s frustum on a section, if it reaches it. */
function frustumOf(section: SectionProjectionWire | undefined, cameraId: string): InnerFrustumWire | undefined {
  const frusta = section?.frusta;
  if (frusta) for (let k = 0; k < frusta.length; k++) if (frusta[k]!.cameraId === cameraId) return frusta[k];
  return undefined;
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
