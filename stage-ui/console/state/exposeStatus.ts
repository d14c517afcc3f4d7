// `window.vantageConsole`: a read-only summary of what the console shows, for browser tests and operators' tooling.
// Refreshed when the store changes (frames reach the store at 5 Hz), so reading it never costs a frame.
import type { MoveStatusWire, RoleWire, Vec3Wire } from '../../../engine/protocol/LiveMessages.ts';
import type { ConnectionState } from '../../live/LiveConnection.ts';
import type { ConsoleStore, NavMode, StageMode } from './ConsoleStore.ts';

export interface VantageConsoleStatus {
  connection: { state: ConnectionState; attempts: number; reconnects: number };
  /** Latest frame number received (per-frame accurate), -1 before the first. */
  frame: number;
  role: RoleWire | null;
  activeCameraId: string | null;
  cameraIds: string[];
  /** Position of the active camera (tracked + move offset) in the latest frame. */
  activeCameraPosition: Vec3Wire | null;
  /** Its orientation `[x, y, z, w]`: pans and tilts move only this. */
  activeCameraRotation: [number, number, number, number] | null;
  /** Ids of the suggestions on screen, in rank order. */
  suggestionsShown: string[];
  hoveredSuggestionId: string | null;
  /** Whether the stage view draws a ghost path (hovered suggestion). */
  ghostVisible: boolean;
  move: { moveId: string; kind: string; status: MoveStatusWire; progress: number; speed: number; durationS: number; provenance: string } | null;
  navMode: NavMode;
  stageMode: StageMode;
  /** Frames each 3D view has drawn. */
  stageRenders: number;
  cameraRenders: number;
  /** Main-thread cost of handling one frame message, ms (running mean). */
  frameHandlingMs: number;
  /** Id of the take recording now (the REC tally), or null. */
  takeRecording: string | null;
  /**
   * The take on the walls (the poses above are then the recorded ones), or null. `frame` is the recorded frame shown;
   * `index` is the engine's playback index, which while playing already points at the next frame.
   */
  takePlayback: { takeId: string; index: number; frameCount: number; status: 'playing' | 'paused'; frame: number } | null;
}

export function exposeStatus(store: ConsoleStore): void {
  const status = {} as VantageConsoleStatus;
  const refresh = () => {
    const s = store.get();
    const live = store.live;
    const frame = live.frame ?? s.frame;
    const active = frame?.cameras.find((c) => c.id === frame.activeCameraId);
    const move = frame?.move ?? null;
    const playback = frame?.take?.playback ?? null;
    Object.assign(status, {
      connection: { ...s.connection },
      frame: frame?.frame ?? -1,
      role: s.hello?.role ?? null,
      activeCameraId: frame?.activeCameraId ?? s.hello?.activeCameraId ?? null,
      cameraIds: frame?.cameras.map((c) => c.id) ?? [],
      activeCameraPosition: active ? [...active.position] : null,
      activeCameraRotation: active ? [...active.rotation] : null,
      suggestionsShown: s.suggestions?.suggestions.map((x) => x.id) ?? [],
      hoveredSuggestionId: s.hoveredSuggestionId,
      ghostVisible: s.hoveredSuggestionId !== null && s.stageMode === 'stage',
      move: move && { moveId: move.moveId, kind: move.kind, status: move.status, progress: move.progress, speed: move.speed, durationS: move.durationS, provenance: move.provenance },
      navMode: s.navMode,
      stageMode: s.stageMode,
      stageRenders: live.stageRenders,
      cameraRenders: live.cameraRenders,
      frameHandlingMs: Math.round(live.frameHandlingMs * 1000) / 1000,
      takeRecording: frame?.take?.recording?.takeId ?? null,
      takePlayback: playback && { takeId: playback.takeId, index: playback.index, frameCount: playback.frameCount, status: playback.status, frame: playback.frame },
    } satisfies VantageConsoleStatus);
  };
  refresh();
  store.subscribe(refresh);
  Object.defineProperty(window, 'vantageConsole', {
    configurable: true,
    get: () => {
      // Per-frame counters are cheap to read fresh.
      refresh();
      return status;
    },
  });
}
