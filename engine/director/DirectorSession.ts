// The AI director in the engine: refreshes suggestions off the tick path, runs accepted moves on the active camera's
// MoveController, applies human adjustments live, and records every suggestion and decision through its outbox.
// It sees the stage only through a DirectorView and never touches a socket or a file.
import { randomUUID } from 'node:crypto';
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { createPoseAt } from '../../camera-bridge/PoseHistory.ts';
import type { Logger } from '../log/createLogger.ts';
import type { CameraMoves } from '../moves/CameraMoves.ts';
import type { MoveStart } from '../moves/moveOffsetAt.ts';
import type { MoveCommandResult, MoveController, MoveEvent, MoveState } from '../moves/MoveController.ts';
import type { ActiveMoveSource } from '../frame/FrameComposer.ts';
import type { MoveSnapshot } from '../frame/FrameSnapshot.ts';
import type { AuditActorWire, AuditEntry, AuditProvenanceWire, AuditTypeWire } from '../protocol/audit.ts';
import type { GhostPathWire, ProvenanceWire, SuggestionsMessage, SuggestionWire } from '../protocol/LiveMessages.ts';
import { MoveSpecSchema, type MoveSpec, type MoveTarget, type Suggestion } from '../protocol/MoveSpec.ts';
import type { Actor } from '../protocol/roles.ts';
import { buildDirectorInput } from './buildDirectorInput.ts';
import type { DirectorInput, PointOfInterest } from './DirectorInput.ts';
import type { DirectorOutbox } from './DirectorOutbox.ts';
import type { DirectorView } from './DirectorView.ts';
import { ghostPath } from './ghostPath.ts';
import { diffMoveSpec } from './diffMoveSpec.ts';
import type { SuggestionSource } from './SuggestionSource.ts';
import { SuggestionRefreshPolicy } from './SuggestionRefreshPolicy.ts';
import { RecentMoves } from './RecentMoves.ts';
import { CardHolds } from './CardHolds.ts';
import { resolveMoveTarget } from './resolveMoveTarget.ts';
import { writeMoveSnapshot, type ActiveMove } from './ActiveMove.ts';
import { shownSuggestionsEntry } from './shownSuggestionsEntry.ts';
import { TrackingLossGuard, type MoveOnStale } from './TrackingLossGuard.ts';

/** Suggestions shown at once. */
export const SUGGESTION_COUNT = 4;

export interface DirectorSessionOptions {
  view: DirectorView;
  moves: CameraMoves;
  outbox: DirectorOutbox;
  source: SuggestionSource;
  log: Logger;
  nowS: () => number;
  pois: readonly PointOfInterest[];
  /** Runs background work (suggestion refreshes) away from the tick; the engine passes FrameSlack. Default setImmediate. */
  slack?: (fn: () => void) => void;
  /** What a running move does while its camera's tracking is stale (VP_MOVE_ON_STALE); default pause. */
  onStale?: MoveOnStale;
}

type ShownSuggestion = Suggestion & { path: GhostPathWire };

export class DirectorSession implements ActiveMoveSource {
  private readonly options: DirectorSessionOptions;
  private readonly view: DirectorView;
  private readonly slack: (fn: () => void) => void;
  private pois: readonly PointOfInterest[];
  private suggestions: ShownSuggestion[] = [];
  private suggestionsInput: DirectorInput | null = null;
  private lastMessage: SuggestionsMessage | null = null;
  private active: ActiveMove | null = null;
  private readonly recent = new RecentMoves();
  private readonly refreshPolicy = new SuggestionRefreshPolicy();
  private readonly holds = new CardHolds();
  private readonly trackingLoss: TrackingLossGuard;
  private suggestionsCameraId: string | null = null;
  private sceneStartS: number;
  private readonly pose = createPoseAt();
  private readonly stateOut: MoveState = { moveId: null, kind: null, status: 'idle', progress: 0, elapsedS: 0, durationS: 0, requestedDurationS: 0, stretched: false, speed: 1, remainingS: 0, spec: null };
  /** Refreshes done; request → answer time of the last and slowest (a worker's message hops included), ms. */
  readonly stats = { refreshes: 0, lastInferenceMs: 0, maxInferenceMs: 0 };

  constructor(options: DirectorSessionOptions) {
    this.options = options;
    this.view = options.view;
    this.pois = options.pois;
    this.slack = options.slack ?? ((fn) => void setImmediate(fn));
    this.sceneStartS = options.nowS();
    this.trackingLoss = new TrackingLossGuard(options.onStale, options.view.isStale?.bind(options.view));
  }

  /** The shown suggestions, so a (re)connecting console gets them at once. */
  get latestSuggestions(): SuggestionsMessage | null {
    return this.lastMessage;
  }

  /** Where suggestions come from (the engine reports whether it is a worker thread). */
  get source(): SuggestionSource {
    return this.options.source;
  }

  /** Per tick, after the moves advanced: notice meaningful changes; inference runs in the frame's slack. */
  tick(nowS: number): void {
    const paused = this.trackingLoss.follow(this.active, this.options.moves, nowS); // or resumed, by the engine
    if (paused) this.appendAudit(paused);
    const cameraId = this.view.activeCameraId();
    const cameraPosition = cameraId ? this.view.latestPosition(cameraId) : undefined;
    if (!this.refreshPolicy.due(nowS, this.view.subjects(), cameraPosition)) return;
    this.refreshPolicy.inFlight = true;
    // Off the tick path: the frame goes out first and reaches its clients, then inference runs.
    this.slack(() => {
      this.refresh()
        .catch((err: unknown) => this.options.log.error({ err }, 'suggestion refresh failed'))
        .finally(() => (this.refreshPolicy.inFlight = false));
    });
  }

  /** ActiveMoveSource: the active move on `cameraId`, for the frame (false when none, or a reset). */
  activeMove(cameraId: string, out: MoveSnapshot): boolean {
    const controller = this.options.moves.get(cameraId);
    const a = this.active;
    if (!controller || !a) return false;
    const s = controller.state(this.stateOut);
    return writeMoveSnapshot(a, s, out);
  }

  /** Ask for fresh suggestions at the next opportunity (director asked). */
  invalidate(): void {
    this.refreshPolicy.dirty = true;
  }

  /** A new scene is on the walls: its points of interest, and "scene start" for reveal moves. */
  sceneChanged(pois: readonly PointOfInterest[]): void {
    this.pois = pois;
    this.holds.clear();
    this.sceneStartS = this.options.nowS();
    this.refreshPolicy.dirty = true;
  }

  // ── commands (arguments validated by the command table; a throw becomes the ack's error) ──────────────────

  /** `suggestion.hold`: the card this console is looking at or adjusting stays as it is through refreshes (null lets go). */
  hold(actor: Actor, suggestionId: string | null): void {
    if (suggestionId !== null) this.findSuggestion(suggestionId);
    this.holds.hold(actor.clientId, suggestionId);
  }

  /** A console went away: what it held is free to refresh. */
  releaseHolds(clientId: string): void {
    this.holds.release(clientId);
  }

  accept(actor: Actor, suggestionId: string): { moveId: string } {
    const s = this.findSuggestion(suggestionId);
    this.record('suggestion.accepted', actor, { suggestionId, provenance: 'ai-approved', data: { kind: s.kind } });
    if (this.suggestionsInput) this.options.source.recordDecision(this.suggestionsInput, s, 'accepted');
    return this.startMove(actor, s.params, { provenance: 'ai-approved', suggestion: s });
  }

  reject(actor: Actor, suggestionId: string, reason: string | undefined): void {
    const s = this.findSuggestion(suggestionId);
    this.record('suggestion.rejected', actor, { suggestionId, provenance: 'ai-rejected', data: { kind: s.kind, ...(reason && { reason }) } });
    if (this.suggestionsInput) this.options.source.recordDecision(this.suggestionsInput, s, 'rejected');
    this.recent.push({ kind: s.kind, decision: 'rejected' }, this.options.nowS());
    this.holds.forget(suggestionId);
    this.suggestions = this.suggestions.filter((x) => x.id !== suggestionId);
    this.publishSuggestions();
    this.refreshPolicy.dirty = true;
  }

  /** Change a suggestion before running it; with `start` the modified move runs at once. */
  adjust(actor: Actor, suggestionId: string, changes: Partial<MoveSpec>, start: boolean): { suggestion: SuggestionWire; moveId?: string } {
    const s = this.findSuggestion(suggestionId);
    const params = MoveSpecSchema.parse({ ...s.params, ...changes, kind: s.kind });
    this.record('suggestion.adjusted', actor, { suggestionId, provenance: 'ai-modified', data: { kind: s.kind, changed: diffMoveSpec(s.params, params) } });
    const updated: ShownSuggestion = { ...s, params, durationS: params.durationS, easing: params.easing, target: params.target ?? null, path: this.ghostPathFromNow(params) };
    this.suggestions = this.suggestions.map((x) => (x.id === suggestionId ? updated : x));
    this.holds.markAdjusted(suggestionId);
    this.publishSuggestions();
    if (!start) return { suggestion: toWire(updated) };
    if (this.suggestionsInput) this.options.source.recordDecision(this.suggestionsInput, s, 'modified', params);
    return { suggestion: toWire(updated), ...this.startMove(actor, params, { provenance: 'ai-modified', suggestion: updated }) };
  }

  /** A move the director made up: recorded as human-only. */
  startHumanMove(actor: Actor, spec: MoveSpec): { moveId: string } {
    return this.startMove(actor, spec, { provenance: 'human-only', suggestion: null });
  }

  pause(actor: Actor): void {
    this.command(actor, 'move.paused', (c, nowS) => c.pause(nowS));
  }
  resume(actor: Actor): void {
    this.command(actor, 'move.resumed', (c, nowS) => c.resume(nowS));
  }
  abort(actor: Actor): void {
    this.command(actor, 'move.aborted', (c, nowS) => c.abort(nowS));
  }
  scrub(actor: Actor, progress: number): void {
    this.command(actor, 'move.scrubbed', (c, nowS) => c.scrub(progress, nowS), { progress });
  }
  speed(actor: Actor, speed: number): void {
    this.command(actor, 'move.adjusted', (c, nowS) => c.setSpeed(speed, nowS), { changed: { speed } });
  }
  reset(actor: Actor): void {
    orThrow(this.activeController().reset(this.options.nowS()));
    this.bumpRevision();
    this.record('move.reset', actor, {});
  }

  /** Adjust the running move: continuity is the controller's job; an AI move becomes ai-modified. */
  adjustMove(actor: Actor, changes: Partial<MoveSpec>): void {
    const controller = this.activeController();
    const before = controller.state().spec;
    const target = changes.target ? this.resolveTarget(changes.target) : undefined;
    if (changes.target && !target) throw new Error(`VP_ERR_MOVE_TARGET_UNRESOLVED: unknown ${changes.target.type}`);
    orThrow(controller.adjust(changes, this.options.nowS(), target));
    const after = controller.state().spec;
    const a = this.active;
    if (a) {
      if (a.provenance === 'ai-approved') a.provenance = 'ai-modified';
      if (after) a.path = this.ghostPathFromNow(after, a.path);
      if (a.suggestion && a.input && after) this.options.source.recordDecision(a.input, a.suggestion, 'modified', after);
    }
    this.bumpRevision();
    this.record('move.adjusted', actor, { provenance: a?.provenance, data: { changed: before && after ? diffMoveSpec(before, after) : changes } });
  }

  /** CameraMoves' events: a finished move is recorded under whoever started it, and is history for the AI. */
  onMoveEvent(cameraId: string, e: MoveEvent): void {
    const a = this.active;
    if (e.type !== 'move.finished' || !a || e.moveId !== a.moveId) return;
    this.appendAudit({ type: 'move.finished', actor: a.actor, moveId: a.moveId, ...(a.suggestionId && { suggestionId: a.suggestionId }), provenance: a.provenance, data: { outcome: e.outcome, progress: e.progress } });
    const kind = a.suggestion?.kind ?? this.options.moves.get(cameraId)?.state().kind;
    if (kind && kind !== 'reset') this.recent.push({ kind, decision: a.provenance === 'human-only' ? 'human-only' : a.provenance === 'ai-modified' ? 'modified' : 'accepted' }, this.options.nowS());
    this.refreshPolicy.dirty = true;
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────────────────

  private startMove(actor: Actor, spec: MoveSpec, how: { provenance: ProvenanceWire; suggestion: Suggestion | null }): { moveId: string } {
    const cameraId = this.view.activeCameraId();
    if (!cameraId || !this.view.latestPosition(cameraId)) throw new Error('VP_ERR_NO_CAMERA: no tracked camera to move');
    const nowS = this.options.nowS();
    const tracked = this.view.trackedPose(cameraId, nowS, this.pose);
    if (!tracked) throw new Error('VP_ERR_NO_CAMERA: no pose yet');
    const start = this.moveStart(cameraId, tracked.position, tracked.rotation, spec.target);
    if (spec.target && !start.targetPosition) throw new Error(`VP_ERR_MOVE_TARGET_UNRESOLVED: unknown ${spec.target.type}`);
    const controller = this.options.moves.controllerFor(cameraId);
    const moveId = randomUUID();
    const path = this.ghostPathFromNow(spec);
    orThrow(controller.start(moveId, spec, start, nowS));
    this.active = {
      moveId,
      cameraId,
      provenance: how.provenance,
      suggestionId: how.suggestion?.id ?? null,
      actor: humanActor(actor),
      path,
      input: how.suggestion ? this.suggestionsInput : null,
      suggestion: how.suggestion,
      revision: (this.active?.revision ?? 0) + 1,
    };
    this.record('move.started', actor, { moveId, suggestionId: how.suggestion?.id, provenance: how.provenance, data: { spec, durationS: controller.state().durationS } });
    // The suggestion was used: drop it from the list.
    if (how.suggestion) {
      this.holds.forget(how.suggestion.id);
      this.suggestions = this.suggestions.filter((x) => x.id !== how.suggestion!.id);
      this.publishSuggestions();
    }
    return { moveId };
  }

  private command(actor: Actor, type: AuditTypeWire, run: (c: MoveController, nowS: number) => MoveCommandResult, data?: Record<string, unknown>): void {
    orThrow(run(this.activeController(), this.options.nowS()));
    this.bumpRevision();
    this.record(type, actor, { provenance: this.active?.provenance, ...(data && { data }) });
  }

  /** A human command on the move: the frame re-sends its plan, and the engine no longer pauses or resumes it by itself. */
  private bumpRevision(): void {
    if (this.active) this.active.revision++;
    this.trackingLoss.humanTookOver();
  }

  private activeController(): MoveController {
    const cameraId = this.view.activeCameraId();
    const controller = cameraId ? this.options.moves.get(cameraId) : undefined;
    if (!controller) throw new Error('VP_ERR_MOVE_NOT_ACTIVE: no move on the active camera');
    return controller;
  }

  /** One suggestion refresh; the caller keeps the policy's `inFlight` set until it settles, so refreshes never overlap. */
  private async refresh(): Promise<void> {
    const cameraId = this.view.activeCameraId();
    const nowS = this.options.nowS();
    if (!cameraId) return;
    const tracked = this.view.trackedPose(cameraId, nowS, this.pose);
    if (!tracked) return;
    const position: Vec3 = [...tracked.position];
    const rotation: Quat = [...tracked.rotation];
    this.options.moves.apply(cameraId, position, rotation);
    const input = buildDirectorInput({ view: this.view, pois: this.pois, recentMoves: this.recent.withAges(nowS), sceneAgeS: nowS - this.sceneStartS, nowS }, cameraId, position, rotation);
    const t0 = performance.now();
    const sceneStartS = this.sceneStartS;
    let suggestions: Suggestion[];
    let ms: number;
    try {
      const result = this.options.source.suggest(input, SUGGESTION_COUNT, nowS);
      suggestions = result instanceof Promise ? await result : result;
      ms = performance.now() - t0;
      // An answer from another thread arrives at any moment: publish it in the slack, not over a tick.
      if (result instanceof Promise) await new Promise<void>((resolve) => this.slack(resolve));
    } catch (err) {
      this.options.log.error({ err }, 'suggestion inference failed');
      this.refreshPolicy.lastRefreshS = nowS;
      return;
    }
    this.stats.refreshes++;
    this.stats.lastInferenceMs = ms;
    this.stats.maxInferenceMs = Math.max(this.stats.maxInferenceMs, ms);
    this.refreshPolicy.lastRefreshS = nowS;
    // The camera switched or the scene changed while the model was thinking: these suggestions are for another shot.
    if (this.view.activeCameraId() !== cameraId || this.sceneStartS !== sceneStartS) {
      this.refreshPolicy.dirty = true;
      return;
    }
    this.refreshPolicy.dirty = false;
    this.refreshPolicy.remember(input, this.view.latestPosition(cameraId));
    this.suggestionsInput = input;
    if (this.suggestionsCameraId !== cameraId) this.holds.clear(); // another camera: the held cards were for its shot
    this.suggestionsCameraId = cameraId;
    // Ids are stable per kind and target: a card refreshed with the same move is not "shown" again, and a card a
    // director holds (looking at it, adjusting it) stays exactly as they see it.
    const before = this.suggestions;
    this.suggestions = this.holds.merge(this.suggestions, suggestions.map((s) => ({ ...s, path: this.ghostPathFromNow(s.params) })));
    const shown = shownSuggestionsEntry(before, this.suggestions, this.options.source.backend);
    if (shown) this.appendAudit(shown);
    this.publishSuggestions();
  }

  private publishSuggestions(): void {
    const source = this.options.source;
    this.lastMessage = { type: 'suggestions', suggestions: this.suggestions.map(toWire), modelVersion: source.modelVersion, backend: source.backend };
    this.options.outbox.suggestions(this.lastMessage);
  }

  private appendAudit(entry: AuditEntry): void {
    this.options.outbox.record(entry);
  }

  private record(type: AuditTypeWire, actor: Actor, fields: { suggestionId?: string | undefined; moveId?: string; provenance?: AuditProvenanceWire | undefined; data?: Record<string, unknown> }): void {
    const moveId = fields.moveId ?? this.active?.moveId;
    this.appendAudit({
      type,
      actor: humanActor(actor),
      ...(fields.suggestionId && { suggestionId: fields.suggestionId }),
      ...(moveId && { moveId }),
      ...(fields.provenance && { provenance: fields.provenance }),
      ...(fields.data && { data: fields.data }),
    });
  }

  private findSuggestion(id: string): ShownSuggestion {
    const s = this.suggestions.find((x) => x.id === id);
    if (!s) throw new Error(`VP_ERR_UNKNOWN_SUGGESTION: ${id} is not among the current suggestions`);
    return s;
  }

  private resolveTarget(target: MoveTarget): Vec3 | undefined {
    return resolveMoveTarget(target, this.pois, this.view.subjects());
  }

  private moveStart(cameraId: string, position: Readonly<Vec3>, rotation: Readonly<Quat>, target: MoveTarget | undefined): MoveStart {
    const { focalLengthMm, sensorHeightMm } = this.view.lens(cameraId);
    const targetPosition = target ? this.resolveTarget(target) : undefined;
    return { position: [...position], rotation: [...rotation], focalLengthMm, sensorHeightMm, ...(targetPosition && { targetPosition }) };
  }

  /** Camera poses along `spec` from where the active camera is now (tracked + current offset). */
  private ghostPathFromNow(spec: MoveSpec, fallback?: GhostPathWire): GhostPathWire {
    const cameraId = this.view.activeCameraId();
    const tracked = cameraId ? this.view.trackedPose(cameraId, this.options.nowS(), this.pose) : undefined;
    if (!cameraId || !tracked) return fallback ?? { positions: [], rotations: [] };
    const p0: Vec3 = [...tracked.position];
    const q0: Quat = [...tracked.rotation];
    this.options.moves.apply(cameraId, p0, q0);
    return ghostPath(spec, this.moveStart(cameraId, p0, q0, spec.target));
  }
}

function toWire(s: ShownSuggestion): SuggestionWire {
  return { ...s, target: s.target ?? null };
}

function humanActor(actor: Actor): AuditActorWire {
  return { kind: 'human', role: actor.role, clientId: actor.clientId };
}

function orThrow(r: MoveCommandResult): void {
  if (!r.ok) throw new Error(`${r.code}: ${r.reason}`);
}
