// The AI director in the engine: refreshes suggestions off the tick path, runs accepted moves through a MoveExecutor
// on the active camera, applies human adjustments live, and records every suggestion and decision in the audit log.
import { randomUUID } from 'node:crypto';
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { createPoseAt } from '../../camera-bridge/PoseHistory.ts';
import type { TrackingHub } from '../../camera-bridge/TrackingHub.ts';
import type { AuditActor, AuditLog, AuditType, Provenance } from '../audit/AuditLog.ts';
import type { FrameBuilder } from '../frame/FrameBuilder.ts';
import type { LiveClient } from '../live/LiveClient.ts';
import type { LiveServer } from '../live/LiveServer.ts';
import type { Logger } from '../log/createLogger.ts';
import type { GhostPathWire, MoveStateWire, SuggestionsMessage, SuggestionWire } from '../protocol/LiveMessages.ts';
import type { Stage } from '../stage/Stage.ts';
import { buildDirectorInput } from './buildDirectorInput.ts';
import type { DirectorInput, PointOfInterest, RecentMove } from './DirectorInput.ts';
import { easingFunction } from '../moves/easing.ts';
import { MoveExecutor, type MoveEvent, type MoveState } from '../moves/MoveExecutor.ts';
import { moveOffsetAt, type MoveStart } from '../moves/moveOffsetAt.ts';
import { applyPoseOffset, createPoseOffset } from '../moves/PoseOffset.ts';
import { MoveSpecSchema, type MoveSpec, type MoveTarget, type Suggestion } from '../protocol/MoveSpec.ts';
import type { SuggestionSource } from './SuggestionSource.ts';

/** Suggestions shown at once. */
export const SUGGESTION_COUNT = 4;
/** Never refresh more often than this, s ("a few per second" at most). */
export const MIN_REFRESH_INTERVAL_S = 0.5;
/** Refresh anyway after this long, s, so suggestions follow slow drifts. */
export const MAX_SUGGESTION_AGE_S = 10;
/** A subject moving this far since the last suggestions is a meaningful change, m. */
export const SUBJECT_MOVE_THRESHOLD_M = 0.5;
/** A camera moving this far (tracked) is a meaningful change, m. */
export const CAMERA_MOVE_THRESHOLD_M = 1;
const GHOST_SAMPLES = 24;
const RECENT_MOVES_KEPT = 8;

export interface DirectorOptions {
  hub: TrackingHub;
  stage: Stage;
  frames: FrameBuilder;
  live: LiveServer;
  audit: AuditLog;
  source: SuggestionSource;
  log: Logger;
  nowS: () => number;
  pois: readonly PointOfInterest[];
  /** Runs background work (suggestion refreshes) away from the tick; the engine passes FrameSlack. Default setImmediate. */
  slack?: (fn: () => void) => void;
}

type MoveProvenance = Exclude<Provenance, 'ai-rejected'>;

interface ActiveMove {
  moveId: string;
  provenance: MoveProvenance;
  suggestionId: string | null;
  /** Who started it: later executor events are recorded under the same person. */
  actor: AuditActor;
  path: GhostPathWire;
  /** Input the suggestion was made from, for learning when the director modifies the move. */
  input: DirectorInput | null;
  suggestion: Suggestion | null;
}

export class Director {
  private readonly o: DirectorOptions;
  private readonly slack: (fn: () => void) => void;
  private pois: readonly PointOfInterest[];
  private readonly executors = new Map<string, MoveExecutor>();
  private suggestions: (Suggestion & { path: GhostPathWire })[] = [];
  private suggestionsInput: DirectorInput | null = null;
  private lastMessage: SuggestionsMessage | null = null;
  private active: ActiveMove | null = null;
  private readonly recent: RecentMove[] = [];
  private sceneStartS: number;
  private lastRefreshS = -Infinity;
  private refreshQueued = false;
  private dirty = true;
  /** Subject and camera positions when the shown suggestions were made. */
  private readonly seenSubjects = new Map<string, Vec3>();
  private readonly seenCamera: Vec3 = [NaN, NaN, NaN];
  private readonly pose = createPoseAt();
  private readonly stateOut: MoveState = { moveId: null, kind: null, status: 'idle', progress: 0, elapsedS: 0, durationS: 0, requestedDurationS: 0, stretched: false, speed: 1, remainingS: 0, spec: null };
  /** Refreshes done; request → answer time of the last and slowest (a worker's message hops included), ms. */
  readonly stats = { refreshes: 0, lastInferenceMs: 0, maxInferenceMs: 0 };

  constructor(options: DirectorOptions) {
    this.o = options;
    this.pois = options.pois;
    this.slack = options.slack ?? ((fn) => void setImmediate(fn));
    this.sceneStartS = options.nowS();
    options.frames.modifyPose = (cameraId, position, rotation) => this.executors.get(cameraId)?.apply(cameraId, position, rotation);
  }

  get latestSuggestions(): SuggestionsMessage | null {
    return this.lastMessage;
  }

  get backend(): string {
    return this.o.source.backend;
  }

  /** Where suggestions come from (the engine reports whether it is a worker thread). */
  get source(): SuggestionSource {
    return this.o.source;
  }

  get modelVersion(): string {
    return this.o.source.modelVersion;
  }

  /** Per tick (inside the frame clock): advance moves, notice meaningful changes; inference runs in the frame's slack. */
  tick(nowS: number): void {
    for (const ex of this.executors.values()) ex.update(nowS);
    if (!this.dirty && nowS - this.lastRefreshS > MAX_SUGGESTION_AGE_S) this.dirty = true;
    if (!this.dirty) this.dirty = this.meaningfulChange();
    if (this.dirty && !this.refreshQueued && nowS - this.lastRefreshS >= MIN_REFRESH_INTERVAL_S) {
      this.refreshQueued = true;
      // Off the tick path: the frame goes out first and reaches its clients, then inference runs.
      this.slack(() => {
        this.refresh()
          .catch((err: unknown) => this.o.log.error({ err }, 'suggestion refresh failed'))
          .finally(() => (this.refreshQueued = false));
      });
    }
  }

  /** The active camera's move, serialised for the frame message (`null` when none). */
  moveJson(): string {
    const cam = this.o.frames.activeCameraId;
    const ex = cam ? this.executors.get(cam) : undefined;
    if (!ex || !this.active) return 'null';
    const s = ex.state(this.stateOut);
    if (s.moveId !== this.active.moveId || !s.spec || s.kind === 'reset' || s.kind === null) return 'null';
    const wire: MoveStateWire = {
      moveId: this.active.moveId,
      kind: s.kind,
      status: s.status,
      progress: Math.round(s.progress * 1e4) / 1e4,
      elapsedS: Math.round(s.elapsedS * 1e3) / 1e3,
      durationS: s.durationS,
      speed: s.speed,
      spec: s.spec,
      provenance: this.active.provenance,
      suggestionId: this.active.suggestionId,
      path: this.active.path,
    };
    return JSON.stringify(wire);
  }

  /** Ask for fresh suggestions at the next opportunity (director asked). */
  invalidate(): void {
    this.dirty = true;
  }

  /** A new scene is on the walls: its points of interest, and "scene start" for reveal moves. */
  sceneChanged(pois: readonly PointOfInterest[]): void {
    this.pois = pois;
    this.sceneStartS = this.o.nowS();
    this.dirty = true;
  }

  // ── commands (validated by the registry; errors thrown become ack errors) ─────────────────────────────────

  accept(client: LiveClient, suggestionId: string): { moveId: string } {
    const s = this.findSuggestion(suggestionId);
    this.record('suggestion.accepted', client, { suggestionId, provenance: 'ai-approved', data: { kind: s.kind } });
    if (this.suggestionsInput) this.o.source.recordDecision(this.suggestionsInput, s, 'accepted');
    return this.startMove(client, s.params, { provenance: 'ai-approved', suggestion: s });
  }

  reject(client: LiveClient, suggestionId: string, reason: string | undefined): void {
    const s = this.findSuggestion(suggestionId);
    this.record('suggestion.rejected', client, { suggestionId, provenance: 'ai-rejected', data: { kind: s.kind, ...(reason && { reason }) } });
    if (this.suggestionsInput) this.o.source.recordDecision(this.suggestionsInput, s, 'rejected');
    this.pushRecent({ kind: s.kind, endedAgoS: 0, decision: 'rejected' });
    this.suggestions = this.suggestions.filter((x) => x.id !== suggestionId);
    this.publishSuggestions();
    this.dirty = true;
  }

  /** Change a suggestion before running it; with `start` the modified move runs at once. */
  adjust(client: LiveClient, suggestionId: string, changes: Partial<MoveSpec>, start: boolean): { suggestion: SuggestionWire; moveId?: string } {
    const s = this.findSuggestion(suggestionId);
    const params = MoveSpecSchema.parse({ ...s.params, ...changes, kind: s.kind });
    const changed = diffSpec(s.params, params);
    this.record('suggestion.adjusted', client, { suggestionId, provenance: 'ai-modified', data: { kind: s.kind, changed } });
    const updated = { ...s, params, durationS: params.durationS, easing: params.easing, target: params.target ?? null, path: this.ghostPath(params) };
    this.suggestions = this.suggestions.map((x) => (x.id === suggestionId ? updated : x));
    this.publishSuggestions();
    if (!start) return { suggestion: toWire(updated) };
    if (this.suggestionsInput) this.o.source.recordDecision(this.suggestionsInput, s, 'modified', params);
    return { suggestion: toWire(updated), ...this.startMove(client, params, { provenance: 'ai-modified', suggestion: updated }) };
  }

  /** A move the director made up: recorded as human-only. */
  startHumanMove(client: LiveClient, spec: MoveSpec): { moveId: string } {
    return this.startMove(client, spec, { provenance: 'human-only', suggestion: null });
  }

  pause(client: LiveClient): void {
    this.command(client, 'move.paused', (ex, now) => ex.pause(now));
  }
  resume(client: LiveClient): void {
    this.command(client, 'move.resumed', (ex, now) => ex.resume(now));
  }
  abort(client: LiveClient): void {
    this.command(client, 'move.aborted', (ex, now) => ex.abort(now));
  }
  scrub(client: LiveClient, progress: number): void {
    this.command(client, 'move.scrubbed', (ex, now) => ex.scrub(progress, now), { progress });
  }
  speed(client: LiveClient, speed: number): void {
    this.command(client, 'move.adjusted', (ex, now) => ex.setSpeed(speed, now), { changed: { speed } });
  }
  reset(client: LiveClient): void {
    const ex = this.activeExecutor();
    const r = ex.reset(this.o.nowS());
    if (!r.ok) throw new Error(`${r.code}: ${r.reason}`);
    this.record('move.reset', client, {});
  }

  /** Adjust the running move: continuity is the executor's job; an AI move becomes ai-modified. */
  adjustMove(client: LiveClient, changes: Partial<MoveSpec>): void {
    const ex = this.activeExecutor();
    const before = ex.state().spec;
    const target = changes.target ? this.resolveTarget(changes.target) : undefined;
    if (changes.target && !target) throw new Error(`VP_ERR_MOVE_TARGET_UNRESOLVED: unknown ${changes.target.type}`);
    const r = ex.adjust(changes, this.o.nowS(), target);
    if (!r.ok) throw new Error(`${r.code}: ${r.reason}`);
    const after = ex.state().spec;
    if (this.active) {
      if (this.active.provenance === 'ai-approved') this.active.provenance = 'ai-modified';
      if (after) this.active.path = this.ghostPath(after, this.active.path);
      if (this.active.suggestion && this.active.input && after) this.o.source.recordDecision(this.active.input, this.active.suggestion, 'modified', after);
    }
    this.record('move.adjusted', client, { provenance: this.active?.provenance, data: { changed: before && after ? diffSpec(before, after) : changes } });
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────────────────

  private startMove(client: LiveClient, spec: MoveSpec, how: { provenance: MoveProvenance; suggestion: Suggestion | null }): { moveId: string } {
    const cameraId = this.o.frames.activeCameraId;
    if (!cameraId || !this.o.hub.latestSample(cameraId)) throw new Error('VP_ERR_NO_CAMERA: no tracked camera to move');
    const nowS = this.o.nowS();
    const tracked = this.o.hub.sampleCamera(cameraId, nowS, this.pose);
    if (!tracked) throw new Error('VP_ERR_NO_CAMERA: no pose yet');
    const start = this.moveStart(cameraId, tracked.position, tracked.rotation, spec.target);
    if (spec.target && !start.targetPosition) throw new Error(`VP_ERR_MOVE_TARGET_UNRESOLVED: unknown ${spec.target.type}`);
    const ex = this.executorFor(cameraId);
    const moveId = randomUUID();
    const path = this.ghostPath(spec);
    const r = ex.start(moveId, spec, start, nowS);
    if (!r.ok) throw new Error(`${r.code}: ${r.reason}`);
    this.active = {
      moveId,
      provenance: how.provenance,
      suggestionId: how.suggestion?.id ?? null,
      actor: actorOf(client),
      path,
      input: how.suggestion ? this.suggestionsInput : null,
      suggestion: how.suggestion,
    };
    this.record('move.started', client, { moveId, suggestionId: how.suggestion?.id, provenance: how.provenance, data: { spec, durationS: ex.state().durationS } });
    // The suggestion was used: drop it from the list.
    if (how.suggestion) {
      this.suggestions = this.suggestions.filter((x) => x.id !== how.suggestion!.id);
      this.publishSuggestions();
    }
    return { moveId };
  }

  private command(client: LiveClient, type: AuditType, run: (ex: MoveExecutor, nowS: number) => { ok: true } | { ok: false; code: string; reason: string }, data?: Record<string, unknown>): void {
    const r = run(this.activeExecutor(), this.o.nowS());
    if (!r.ok) throw new Error(`${r.code}: ${r.reason}`);
    this.record(type, client, { provenance: this.active?.provenance, ...(data && { data }) });
  }

  private activeExecutor(): MoveExecutor {
    const cam = this.o.frames.activeCameraId;
    const ex = cam ? this.executors.get(cam) : undefined;
    if (!ex) throw new Error('VP_ERR_MOVE_NOT_ACTIVE: no move on the active camera');
    return ex;
  }

  private executorFor(cameraId: string): MoveExecutor {
    let ex = this.executors.get(cameraId);
    if (!ex) {
      ex = new MoveExecutor({ cameraId, ...(this.o.stage.safeVolume && { safeVolume: this.o.stage.safeVolume }), onEvent: (e) => this.onMoveEvent(e) });
      this.executors.set(cameraId, ex);
    }
    return ex;
  }

  private onMoveEvent(e: MoveEvent): void {
    if (e.type !== 'move.finished' || !this.active || e.moveId !== this.active.moveId) return;
    const a = this.active;
    this.appendAudit({ type: 'move.finished', actor: a.actor, moveId: a.moveId, ...(a.suggestionId && { suggestionId: a.suggestionId }), provenance: a.provenance, data: { outcome: e.outcome, progress: e.progress } });
    const kind = a.suggestion?.kind ?? this.executors.get(this.o.frames.activeCameraId ?? '')?.state().kind;
    if (kind && kind !== 'reset') this.pushRecent({ kind, endedAgoS: 0, decision: a.provenance === 'human-only' ? 'human-only' : a.provenance === 'ai-modified' ? 'modified' : 'accepted' });
    this.dirty = true;
  }

  /** One suggestion refresh; the caller keeps `refreshQueued` set until it settles, so refreshes never overlap. */
  private async refresh(): Promise<void> {
    const cameraId = this.o.frames.activeCameraId;
    const nowS = this.o.nowS();
    if (!cameraId) return;
    const tracked = this.o.hub.sampleCamera(cameraId, nowS, this.pose);
    if (!tracked) return;
    const position: Vec3 = [...tracked.position];
    const rotation: Quat = [...tracked.rotation];
    this.executors.get(cameraId)?.apply(cameraId, position, rotation);
    const input = buildDirectorInput(
      { hub: this.o.hub, stage: this.o.stage, pois: this.pois, recentMoves: this.recentWithAges(nowS), sceneAgeS: nowS - this.sceneStartS },
      cameraId,
      position,
      rotation,
    );
    const t0 = performance.now();
    const sceneStartS = this.sceneStartS;
    let suggestions: Suggestion[];
    let ms: number;
    try {
      const result = this.o.source.suggest(input, SUGGESTION_COUNT, nowS);
      suggestions = result instanceof Promise ? await result : result;
      ms = performance.now() - t0;
      // An answer from another thread arrives at any moment: publish it in the slack, not over a tick.
      if (result instanceof Promise) await new Promise<void>((resolve) => this.slack(resolve));
    } catch (err) {
      this.o.log.error({ err }, 'suggestion inference failed');
      this.lastRefreshS = nowS;
      return;
    }
    this.stats.refreshes++;
    this.stats.lastInferenceMs = ms;
    this.stats.maxInferenceMs = Math.max(this.stats.maxInferenceMs, ms);
    this.lastRefreshS = nowS;
    // The camera switched or the scene changed while the model was thinking: these suggestions are for another shot.
    if (this.o.frames.activeCameraId !== cameraId || this.sceneStartS !== sceneStartS) {
      this.dirty = true;
      return;
    }
    this.dirty = false;
    this.remember(input);
    this.suggestionsInput = input;
    const known = new Set(this.suggestions.map((s) => s.id));
    this.suggestions = suggestions.map((s) => ({ ...s, path: this.ghostPath(s.params) }));
    for (const s of suggestions) {
      if (known.has(s.id)) continue;
      this.appendAudit({
        type: 'suggestion.shown',
        actor: { kind: 'ai', modelVersion: s.modelVersion },
        suggestionId: s.id,
        data: { kind: s.kind, params: s.params, confidence: s.confidence, rationale: s.rationale, inputsHash: s.inputsHash, backend: this.o.source.backend },
      });
    }
    this.publishSuggestions();
  }

  private publishSuggestions(): void {
    this.lastMessage = { type: 'suggestions', suggestions: this.suggestions.map(toWire), modelVersion: this.o.source.modelVersion, backend: this.o.source.backend };
    this.o.live.broadcast(this.lastMessage, wantsDirector);
  }

  /** Every record goes to disk first, then to the consoles as an `audit` event (never re-read from the file). */
  private appendAudit(entry: Parameters<AuditLog['append']>[0]): void {
    const record = this.o.audit.append(entry);
    this.o.live.broadcast({ type: 'event', name: 'audit', data: record }, wantsDirector);
  }

  private record(type: AuditType, client: LiveClient, fields: { suggestionId?: string | undefined; moveId?: string; provenance?: Provenance | undefined; data?: Record<string, unknown> }): void {
    this.appendAudit({
      type,
      actor: actorOf(client),
      ...(fields.suggestionId && { suggestionId: fields.suggestionId }),
      ...((fields.moveId ?? this.active?.moveId) && { moveId: fields.moveId ?? this.active?.moveId }),
      ...(fields.provenance && { provenance: fields.provenance }),
      ...(fields.data && { data: fields.data }),
    });
  }

  private findSuggestion(id: string): Suggestion & { path: GhostPathWire } {
    const s = this.suggestions.find((x) => x.id === id);
    if (!s) throw new Error(`VP_ERR_UNKNOWN_SUGGESTION: ${id} is not among the current suggestions`);
    return s;
  }

  private resolveTarget(target: MoveTarget): Vec3 | undefined {
    if (target.type === 'point') return [...target.position];
    if (target.type === 'poi') {
      const p = this.pois.find((x) => x.id === target.id);
      return p ? [...p.position] : undefined;
    }
    const s = this.o.hub.subjectList().find((x) => x.subjectId === target.id);
    return s ? [...s.position] : undefined;
  }

  private moveStart(cameraId: string, position: Readonly<Vec3>, rotation: Readonly<Quat>, target: MoveTarget | undefined): MoveStart {
    const lens = this.o.hub.latestSample(cameraId)?.lens;
    const stageCam = this.o.stage.cameras.find((c) => c.id === cameraId);
    const focalLengthMm = lens?.focalLengthMm ?? 35;
    const sensorWidthMm = lens?.sensorWidthMm ?? 24.89;
    const sensorHeightMm = stageCam ? (sensorWidthMm * stageCam.sensorHeightMm) / stageCam.sensorWidthMm : (sensorWidthMm * 9) / 16;
    const targetPosition = target ? this.resolveTarget(target) : undefined;
    return { position: [...position], rotation: [...rotation], focalLengthMm, sensorHeightMm, ...(targetPosition && { targetPosition }) };
  }

  /** Camera poses along `spec` from where the active camera is now (tracked + current offset). */
  private ghostPath(spec: MoveSpec, fallback?: GhostPathWire): GhostPathWire {
    const cameraId = this.o.frames.activeCameraId;
    const nowS = this.o.nowS();
    const tracked = cameraId ? this.o.hub.sampleCamera(cameraId, nowS, this.pose) : undefined;
    if (!cameraId || !tracked) return fallback ?? { positions: [], rotations: [] };
    const p0: Vec3 = [...tracked.position];
    const q0: Quat = [...tracked.rotation];
    this.executors.get(cameraId)?.apply(cameraId, p0, q0);
    const start = this.moveStart(cameraId, p0, q0, spec.target);
    const ease = easingFunction(spec.easing);
    const offset = createPoseOffset();
    const positions: number[] = [];
    const rotations: number[] = [];
    for (let i = 0; i <= GHOST_SAMPLES; i++) {
      moveOffsetAt(spec, start, ease(i / GHOST_SAMPLES), offset);
      const p: Vec3 = [...p0];
      const q: Quat = [...q0];
      applyPoseOffset(offset, p, q);
      positions.push(...p.map((v) => Math.round(v * 1e4) / 1e4));
      rotations.push(...q.map((v) => Math.round(v * 1e5) / 1e5));
    }
    return { positions, rotations };
  }

  private meaningfulChange(): boolean {
    for (const s of this.o.hub.subjectList()) {
      const seen = this.seenSubjects.get(s.subjectId);
      if (!seen || dist(seen, s.position) > SUBJECT_MOVE_THRESHOLD_M) return true;
    }
    const cam = this.o.frames.activeCameraId;
    const latest = cam ? this.o.hub.latestSample(cam) : undefined;
    if (latest && !(dist(this.seenCamera, latest.position) <= CAMERA_MOVE_THRESHOLD_M)) return true;
    return false;
  }

  private remember(input: DirectorInput): void {
    this.seenSubjects.clear();
    for (const s of input.subjects) this.seenSubjects.set(s.id, [...s.position]);
    const cam = this.o.frames.activeCameraId;
    const latest = cam ? this.o.hub.latestSample(cam) : undefined;
    if (latest) for (let i = 0; i < 3; i++) this.seenCamera[i] = latest.position[i]!;
  }

  private pushRecent(m: RecentMove): void {
    this.recent.unshift({ ...m, endedAgoS: this.o.nowS() });
    this.recent.length = Math.min(this.recent.length, RECENT_MOVES_KEPT);
  }

  /** `recent` stores end times in endedAgoS; convert to ages. */
  private recentWithAges(nowS: number): RecentMove[] {
    return this.recent.map((m) => ({ ...m, endedAgoS: Math.max(0, nowS - m.endedAgoS) }));
  }
}

/** Suggestions and audit events go to consoles, not render nodes (see LiveClient.director). */
const wantsDirector = (c: LiveClient): boolean => c.director;

function toWire(s: Suggestion & { path: GhostPathWire }): SuggestionWire {
  return { ...s, target: s.target ?? null };
}

function actorOf(client: LiveClient): AuditActor {
  return { kind: 'human', role: client.role, clientId: client.id };
}

function diffSpec(a: MoveSpec, b: MoveSpec): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof MoveSpec>) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out[key] = { from: a[key] ?? null, to: b[key] ?? null };
  }
  return out;
}

function dist(a: Readonly<Vec3>, b: Readonly<Vec3>): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}
