// The /live WebSocket messages (engine → browsers and back). With the other files of engine/protocol (commands, the
// move vocabulary, scene manifests, health, audit records) this is everything the engine and the browsers share.
import type { Easing, MoveKind, MoveSpec, MoveTarget, Suggestion } from './MoveSpec.ts';
import type { RoleWire } from './roles.ts';

export type { RoleWire };

/** 2: sections carry every enabled camera's frustum (`frusta`), cameras their colour and frustum settings. */
export const LIVE_PROTOCOL_VERSION = 3;

export type Vec3Wire = [number, number, number];
export type QuatWire = [number, number, number, number];
/** Column-major 4x4 (three.js `Matrix4.elements`, WebGL clip space z ∈ [-1, 1]). */
export type Mat4Wire = number[];

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

/** The `scene.loaded` event's data: the scene every wall swaps to, and its points of interest (as in hello). */
export interface SceneLoadedWire extends SceneRefWire {
  pois: { id: string; name: string; position: Vec3Wire }[];
}

export interface StageWire {
  name: string;
  walls: WallWire[];
  /** Cameras the stage lists, with the colour the console and wall borders use for each. */
  cameras: { id: string; sensorWidthMm: number; sensorHeightMm: number; label?: string; color: string }[];
  /** Fixed eye the outer frustum (lighting/reflections) is rendered from, m. */
  outerViewpoint: Vec3Wire;
  /** Box moves keep the camera inside, m; absent = anywhere. */
  safeVolume?: { min: Vec3Wire; max: Vec3Wire };
}

export interface SceneRefWire {
  id: string;
  name: string;
  /** Bumped on every hot reload of the same scene: clients reload when it changes. */
  version?: number;
  /** Clients preload, then show the scene from this engine frame on: every wall swaps on the same frame. */
  swapAtFrame?: number;
}

export interface LensWire {
  focalLengthMm: number;
  sensorWidthMm: number;
  focusM?: number;
  iris?: number;
  /** Normalised zoom 0..1 where a source reports one. */
  zoom?: number;
  /** mm, where the source reports it (OpenTrackIO static data). */
  sensorHeightMm?: number;
  /** ≥ 1: how much larger the distorted image is than the undistorted one; the inner frustum is enlarged by it. */
  distortionOverscan?: number;
  /** Entrance pupil in front of the sensor along the lens axis, m. */
  entrancePupilOffsetM?: number;
}

/** How a camera's inner frustum is drawn on the walls (the stage's `innerFrustum`, changed live by `camera.frustum`). */
export interface InnerFrustumSettingsWire {
  enabled: boolean;
  /** Lower is on top where frusta overlap. */
  priority: number;
  /** Margin beyond the lens's field of view, %. */
  overscanPct: number;
}

export interface CameraFrameWire {
  id: string;
  /** `#rrggbb`: this camera's rig, frustum and footprint in the console, its border on the walls. */
  color: string;
  innerFrustum: InnerFrustumSettingsWire;
  /** Tracked pose plus the active move offset, at the frame time. */
  position: Vec3Wire;
  rotation: QuatWire;
  lens: LensWire;
  /** Vertical field of view, radians (from lens and the stage camera's sensor). */
  vFovRad: number;
  aspect: number;
  stale: boolean;
}

/** One camera's inner frustum on one wall section. */
export interface InnerFrustumWire {
  cameraId: string;
  /**
   * Off-axis projection and view from the camera's eye onto this section (Kooima): only for clients that asked
   * (`&projections=1` or `live.subscribe {projections: true}`); the footprint and the camera's pose and lens are enough
   * to map the camera's own image onto the section, as our walls do.
   */
  projection?: Mat4Wire;
  view?: Mat4Wire;
  /** The camera image's corners on the section (overscan included), (u, v) ∈ section space, BL, BR, TR, TL. */
  footprint: number[];
}

export interface SectionProjectionWire {
  /** The enabled cameras' frusta that reach this section, top first (priority order): empty when none does. */
  frusta: InnerFrustumWire[];
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
  /** The hero camera (console camera view, AI director). */
  activeCameraId: string | null;
  /** How frames are timed: each is meant for `presentAtS` = its tick + `presentLeadS`; LEDs show pixels `displayDelayS` later. */
  timing: { presentLeadS: number; displayDelayS: number };
  /** Commands this client's role may send: the UI shows only these. */
  allowedCommands: string[];
  /** Points of interest of the current scene. */
  pois: { id: string; name: string; position: Vec3Wire }[];
  /** Latest suggestions, so a (re)connecting console shows them at once. */
  suggestions: SuggestionsMessage | null;
}

export type MoveKindWire = MoveKind;
export type EasingWire = Easing;
export type MoveTargetWire = MoveTarget;
/** A camera move (engine/protocol/MoveSpec.ts documents the signs and units). */
export type MoveSpecWire = MoveSpec;

/** Sampled camera poses along a move, for the console's ghost path and ghost frustum. */
export interface GhostPathWire {
  /** Flattened [x, y, z] per sample, metres, evenly spaced in time from start to end. */
  positions: number[];
  /** Flattened [x, y, z, w] per sample. */
  rotations: number[];
}

/** An AI proposal as published on /live, with where the active camera would go if it were accepted now. */
export interface SuggestionWire extends Suggestion {
  path: GhostPathWire;
}

export interface SuggestionsMessage {
  type: 'suggestions';
  /** Ranked, best first (after the session's learned preferences). */
  suggestions: SuggestionWire[];
  modelVersion: string;
  /** Active tfjs backend: 'tensorflow' (tfjs-node-gpu), 'wasm' or 'cpu'. */
  backend: string;
}

export type MoveStatusWire = 'idle' | 'running' | 'paused' | 'aborting' | 'finished';
export type ProvenanceWire = 'ai-approved' | 'ai-modified' | 'human-only';

export interface MoveStateWire {
  moveId: string;
  kind: MoveKindWire;
  status: MoveStatusWire;
  /** 0..1 along the planned path. */
  progress: number;
  elapsedS: number;
  durationS: number;
  speed: number;
  spec: MoveSpecWire;
  provenance: ProvenanceWire;
  suggestionId: string | null;
  /** The planned path from the move's start (ghost while it runs). */
  path: GhostPathWire;
}

export interface FrameMessage {
  type: 'frame';
  frame: number;
  /** Frame time on the engine timeline, s. */
  timeS: number;
  /**
   * Engine clock time the frame is meant to be on screen, s (render nodes map it to their clock with `ping`/`pong`
   * and show it at the refresh that reaches the screen then); the poses are predicted for it plus the stage's
   * display delay.
   */
  presentAtS: number;
  timecode: string;
  activeCameraId: string | null;
  cameras: CameraFrameWire[];
  /** The active move on the active camera, or null. */
  move: MoveStateWire | null;
  /** Tracked talent, m and m/s; `stale`: no position within the subject timeout (`VP_SUBJECT_STALE_MS`). */
  subjects: { id: string; position: Vec3Wire; velocity: Vec3Wire; stale: boolean }[];
  /** Per-wall inner-frustum projections of every enabled camera; only the walls the client subscribed to. */
  walls: Record<string, WallFrameWire>;
  /** Present while a take records (the red tally) or plays back (the poses above are the recorded ones). */
  take?: TakeFrameWire;
  /** Present while the pan-stop test runs (`walls.calibration`): inner frusta show the calibration grid. */
  calibration?: 'grid';
}

export interface TakeFrameWire {
  /** `frames` captured so far; elapsed = frames / fps. */
  recording: { takeId: string; slate: string; takeNumber: number; frames: number } | null;
  /** `index` of `frameCount` recorded frames is on the walls; `frame`/`timecode` are the recorded ones. */
  playback: { takeId: string; status: 'playing' | 'paused'; index: number; frameCount: number; frame: number; timecode: string } | null;
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

/** The engine's answer to a `ping`, sent at once (not at the tick): the two engine clock readings, s. */
export interface PongMessage {
  type: 'pong';
  id: number;
  clientSendMs: number;
  engineReceiveS: number;
  engineSendS: number;
}

export type ServerMessage = HelloMessage | FrameMessage | SuggestionsMessage | AckMessage | EventMessage | ErrorMessage | PongMessage;

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
  /** When the node estimates the frame reached its screen, engine clock, s (absent before its clock is synced). */
  presentedAtS?: number;
  /** The node's clock offset error bound, ms. */
  clockErrorMs?: number;
}

/** Clock sync (NTP-style): the client's own clock when it sent this, ms; answered by `pong`. */
export interface PingMessage {
  type: 'ping';
  id: number;
  clientSendMs: number;
}

export type ClientMessage = CommandMessage | PresentedMessage | PingMessage;
