// The /live WebSocket wire format: the only thing the engine and the browsers (console, render nodes) share.
// Types only (plus constants): stage-ui imports this file, never engine internals.

export const LIVE_PROTOCOL_VERSION = 1;

export type Vec3Wire = [number, number, number];
export type QuatWire = [number, number, number, number];
/** Column-major 4x4 (three.js `Matrix4.elements`, WebGL clip space z ∈ [-1, 1]). */
export type Mat4Wire = number[];
export type RoleWire = 'director' | 'operator' | 'designer' | 'viewer' | 'render';

export interface WallSectionWire {
  index: number;
  /** Lower-left, lower-right, upper-left corners, stage metres. */
  pa: Vec3Wire;
  pb: Vec3Wire;
  pc: Vec3Wire;
  /** Where this section sits in its wall's canvas: x, y (from the top-left), width, height, px. */
  viewportPx: [number, number, number, number];
  widthM: number;
  heightM: number;
  /** Outer frustum: fixed off-axis projection from the stage's outer viewpoint (static, so sent once). */
  outer: { projection: Mat4Wire; view: Mat4Wire } | null;
}

export interface WallWire {
  id: string;
  type: 'flat' | 'curved' | 'ceiling';
  resolutionPx: [number, number];
  sections: WallSectionWire[];
}

export interface StageWire {
  name: string;
  walls: WallWire[];
  cameras: { id: string; sensorWidthMm: number; sensorHeightMm: number; label?: string }[];
  /** Fixed eye the outer frustum (lighting/reflections) is rendered from, m. */
  outerViewpoint: Vec3Wire;
}

export interface SceneRefWire {
  id: string;
  name: string;
}

export interface LensWire {
  focalLengthMm: number;
  sensorWidthMm: number;
  focusM?: number;
  iris?: number;
}

export interface CameraFrameWire {
  id: string;
  /** Tracked pose plus the active move offset, at the frame time. */
  position: Vec3Wire;
  rotation: QuatWire;
  lens: LensWire;
  /** Vertical field of view, radians (from lens and the stage camera's sensor). */
  vFovRad: number;
  aspect: number;
  stale: boolean;
}

export interface SectionProjectionWire {
  /** Inner frustum: off-axis projection from the tracked eye onto this section. null when the eye is behind it. */
  projection: Mat4Wire | null;
  view: Mat4Wire | null;
  /** The camera image's corners on the section, (u, v) ∈ section space, BL, BR, TR, TL; null when not visible. */
  footprint: number[] | null;
}

export interface WallFrameWire {
  sections: SectionProjectionWire[];
}

// ── Server → client ──────────────────────────────────────────────────────────

export interface HelloMessage {
  type: 'hello';
  protocolVersion: number;
  clientId: string;
  role: RoleWire;
  fps: number;
  frame: number;
  stage: StageWire;
  scene: SceneRefWire;
  /** Camera whose inner frustum the walls show. */
  activeCameraId: string | null;
}

export interface FrameMessage {
  type: 'frame';
  frame: number;
  /** Frame time on the engine timeline, s. */
  timeS: number;
  timecode: string;
  activeCameraId: string | null;
  cameras: CameraFrameWire[];
  /** Per-wall inner-frustum projections for the active camera; only the walls the client subscribed to. */
  walls: Record<string, WallFrameWire>;
}

export interface AckMessage {
  type: 'ack';
  id: string;
  ok: boolean;
  error?: string;
  result?: unknown;
}

export interface EventMessage {
  type: 'event';
  name: string;
  data?: unknown;
}

export interface ErrorMessage {
  type: 'error';
  code: string;
  reason: string;
}

export type ServerMessage = HelloMessage | FrameMessage | AckMessage | EventMessage | ErrorMessage;

// ── Client → server ──────────────────────────────────────────────────────────

export interface CommandMessage {
  type: 'command';
  id: string;
  name: string;
  args?: unknown;
}

/** A render node reports each frame it put on screen; the engine derives lag and sync from it. */
export interface PresentedMessage {
  type: 'presented';
  frame: number;
}

export type ClientMessage = CommandMessage | PresentedMessage;
