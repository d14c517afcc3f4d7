// The console's one store, built by a factory: human-speed state for React panels, plus a per-frame holder the 3D
// views and rAF loops read directly (50 fps frames never go through React).
import type { FrameMessage, HelloMessage, SuggestionWire, SuggestionsMessage } from '../../../engine/protocol/LiveMessages.ts';
import type { TakeManifestWire } from '../../../engine/protocol/takes.ts';
import type { ConnectionState } from '../../live/LiveConnection.ts';
import type { AuditRecordWire } from '../audit/AuditRecordWire.ts';
import { HealthHistory } from '../health/HealthHistory.ts';
import type { HealthWire, PoseFilterWire } from '../health/HealthWire.ts';

export type NavMode = 'orbit' | 'fly' | 'follow';
export type StageMode = 'stage' | 'scene-preview';
export type SideTab = 'suggestions' | 'tracking' | 'scenes' | 'takes' | 'audit';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

/** What the move editor is editing: an AI suggestion before it starts, the running move, or a new human-only move. */
export type EditorTarget = { mode: 'suggestion'; suggestionId: string } | { mode: 'move' } | { mode: 'new' };

export interface ConsoleState {
  /** WebSocket state; `attempts` counts reconnect tries since the last open, `reconnects` successful re-opens. */
  /** `refusedReason`: what the engine said when it refused this page (state `refused`): shown where the stage would be. */
  connection: { state: ConnectionState; attempts: number; reconnects: number; refusedReason?: string };
  /** The engine's hello (stage, scene, role, allowed commands); replaced on every reconnect. */
  hello: HelloMessage | null;
  /** The latest frame, republished at most every FRAME_PUBLISH_MS for panels; 3D views read `live.frame`. */
  frame: FrameMessage | null;
  /** Ranked AI suggestions, as last received (or from the hello). */
  suggestions: SuggestionsMessage | null;
  /** Suggestions re-planned by a preview adjust (`start:false`), by id: their paths replace the original's ghost. */
  replanned: Readonly<Record<string, SuggestionWire>>;
  /** Suggestion whose ghost path the stage view draws and whose end pose the camera view previews. */
  hoveredSuggestionId: string | null;
  /** Suggestion whose reject prompt is open. */
  rejectingId: string | null;
  editor: EditorTarget | null;
  /** GET /api/health, polled every 500 ms; null until the first answer. */
  health: { data: HealthWire | null; ok: boolean; polledAtMs: number };
  /** Filter settings this console applied, by source (health does not report them yet). */
  sourceFilters: Readonly<Record<string, PoseFilterWire>>;
  audit: { status: 'loading' | 'ok' | 'unavailable' | 'error'; records: AuditRecordWire[] };
  /** GET /api/takes, newest first, kept current by take.started / stopped / failed events. */
  takes: { status: 'loading' | 'ok' | 'unavailable' | 'error'; list: TakeManifestWire[] };
  toasts: Toast[];
  navMode: NavMode;
  stageMode: StageMode;
  /** Scene shown in the console-only preview (never sent to the walls). */
  previewSceneId: string | null;
  sideTab: SideTab;
  helpOpen: boolean;
}

/** Per-frame data: written on every frame message, read in useFrame / requestAnimationFrame. Never triggers React. */
export interface LiveRefs {
  frame: FrameMessage | null;
  /** performance.now() when `frame` arrived, ms. */
  frameAtMs: number;
  /** True while the stage view's fly mode owns WASD/QE (mouse held on the stage): global shortcuts stand back. */
  flyKeysCaptured: boolean;
  /** Frames each 3D view put on screen (tests and the perf overlay read these). */
  stageRenders: number;
  cameraRenders: number;
  /** Main-thread cost of handling frame messages, ms, exponentially averaged. */
  frameHandlingMs: number;
  /** Called on every frame message: the 3D views render on demand, once per engine frame (not per display frame). */
  readonly onFrame: Set<() => void>;
}

export interface ConsoleStore {
  get(): ConsoleState;
  set(patch: Partial<ConsoleState> | ((s: ConsoleState) => Partial<ConsoleState>)): void;
  subscribe(listener: () => void): () => void;
  readonly live: LiveRefs;
  /** Last 60 s of each source's rate and latency, for the sparklines (mutated by the health poll). */
  readonly healthHistory: HealthHistory;
}

/** Panels refresh from frames at 5 Hz: fast enough to read, slow enough to cost nothing. */
export const FRAME_PUBLISH_MS = 200;

export function createConsoleStore(initial: Partial<ConsoleState> = {}): ConsoleStore {
  let state: ConsoleState = {
    connection: { state: 'connecting', attempts: 0, reconnects: 0 },
    hello: null,
    frame: null,
    suggestions: null,
    replanned: {},
    hoveredSuggestionId: null,
    rejectingId: null,
    editor: null,
    health: { data: null, ok: false, polledAtMs: 0 },
    sourceFilters: {},
    audit: { status: 'loading', records: [] },
    takes: { status: 'loading', list: [] },
    toasts: [],
    navMode: 'orbit',
    stageMode: 'stage',
    previewSceneId: null,
    sideTab: 'suggestions',
    helpOpen: false,
    ...initial,
  };
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(patch) {
      const p = typeof patch === 'function' ? patch(state) : patch;
      state = { ...state, ...p };
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    live: { frame: null, frameAtMs: 0, flyKeysCaptured: false, stageRenders: 0, cameraRenders: 0, frameHandlingMs: 0, onFrame: new Set() },
    healthHistory: new HealthHistory(),
  };
}
