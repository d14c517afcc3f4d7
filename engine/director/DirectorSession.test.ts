import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { shownSuggestionsOf } from '../protocol/shownSuggestions.ts';
import type { Quat, Vec3 } from '../../camera-bridge/CameraSample.ts';
import { createMoveSnapshot } from '../frame/FrameSnapshot.ts';
import { CameraMoves } from '../moves/CameraMoves.ts';
import type { AuditEntry, AuditRecordWire } from '../protocol/audit.ts';
import type { SuggestionsMessage } from '../protocol/LiveMessages.ts';
import type { MoveSpec, Suggestion } from '../protocol/MoveSpec.ts';
import type { Actor } from '../protocol/roles.ts';
import type { DecisionKind, DirectorInput } from './DirectorInput.ts';
import type { DirectorOutbox } from './DirectorOutbox.ts';
import { DirectorSession } from './DirectorSession.ts';
import type { DirectorSubjectView, DirectorView } from './DirectorView.ts';
import { MIN_REFRESH_INTERVAL_S } from './SuggestionRefreshPolicy.ts';
import type { SuggestionSource } from './SuggestionSource.ts';

const DIRECTOR: Actor = { role: 'director', clientId: 'console-1' };

/** A still camera at (0, 1.6, 4) looking down -Z with a 24 mm lens on a 36 × 24 mm sensor, and one subject. */
class StillStage implements DirectorView {
  active: string | null = 'cam1';
  readonly position: Vec3 = [0, 1.6, 4];
  readonly rotation: Quat = [0, 0, 0, 1];
  readonly people: DirectorSubjectView[] = [{ subjectId: 'ana', position: [0, 1.2, -2], velocity: [0, 0, 0] }];
  readonly safeVolume = { min: [-5, 0, -5] as Vec3, max: [5, 4, 6] as Vec3 };
  activeCameraId = () => this.active;
  trackedPose = (id: string, _nowS: number, out: { position: Vec3; rotation: Quat; extrapolatedS: number }) => {
    if (id !== 'cam1') return undefined;
    out.position.splice(0, 3, ...this.position);
    out.rotation.splice(0, 4, ...this.rotation);
    out.extrapolatedS = 0;
    return out;
  };
  latestPosition = (id: string) => (id === 'cam1' ? this.position : undefined);
  lens = () => ({ focalLengthMm: 24, sensorWidthMm: 36, sensorHeightMm: 24 });
  subjects = () => this.people;
}

/** Answers with a fixed ranked list, in process, and remembers every decision it is told about. */
class ScriptedSource implements SuggestionSource {
  readonly modelVersion = 'scripted-1';
  readonly backend = 'cpu';
  readonly inputs: DirectorInput[] = [];
  readonly decisions: { id: string; decision: DecisionKind; final?: MoveSpec }[] = [];
  next: Suggestion[] = [suggestion('s-dolly', { kind: 'dolly', distanceM: 1, durationS: 2, easing: 'ease-in-out' }), suggestion('s-pan', { kind: 'pan', angleRad: 0.3, durationS: 3, easing: 'linear' })];
  suggest(input: DirectorInput, count: number): Suggestion[] {
    this.inputs.push(input);
    return this.next.slice(0, count);
  }
  recordDecision(_input: DirectorInput, s: Suggestion, decision: Exclude<DecisionKind, 'human-only'>, final?: MoveSpec): void {
    this.decisions.push({ id: s.id, decision, ...(final && { final }) });
  }
}

function suggestion(id: string, params: MoveSpec): Suggestion {
  return { id, kind: params.kind, params, durationS: params.durationS, easing: params.easing, target: params.target ?? null, confidence: 0.8, rationale: `because ${id}`, modelVersion: 'scripted-1', inputsHash: `hash-${id}`, createdAtS: 0 };
}

class CollectingOutbox implements DirectorOutbox {
  readonly records: AuditRecordWire[] = [];
  readonly published: SuggestionsMessage[] = [];
  record(entry: AuditEntry): AuditRecordWire {
    const r = { seq: this.records.length + 1, at: '2026-12-01T00:00:00.000Z', tS: 0, ...entry };
    this.records.push(r);
    return r;
  }
  suggestions(message: SuggestionsMessage): void {
    this.published.push(message);
  }
  types(): string[] {
    return this.records.map((r) => r.type);
  }
}

function setup() {
  let nowS = 100;
  const view = new StillStage();
  const outbox = new CollectingOutbox();
  const source = new ScriptedSource();
  let session!: DirectorSession;
  const moves = new CameraMoves({ safeVolume: view.safeVolume, onEvent: (cameraId, e) => session.onMoveEvent(cameraId, e) });
  const queued: (() => void)[] = [];
  session = new DirectorSession({ view, moves, outbox, source, log: pino({ level: 'silent' }), nowS: () => nowS, pois: [], slack: (fn) => queued.push(fn) });
  /** One engine tick at `t`, then the slack work it queued (refreshes), settled. */
  const tick = async (t: number) => {
    nowS = t;
    moves.update(t);
    session.tick(t);
    while (queued.length) queued.shift()!();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  const cameraAt = (t: number): Vec3 => {
    nowS = t;
    moves.update(t);
    const p: Vec3 = [...view.position];
    moves.apply('cam1', p, [...view.rotation]);
    return p;
  };
  return { view, outbox, source, moves, session, tick, cameraAt, now: () => nowS };
}

describe('DirectorSession', () => {
  it('refreshes in the slack, publishes ranked suggestions with ghost paths, and records each one shown once', async () => {
    const { outbox, source, tick, session } = setup();
    await tick(100);
    expect(source.inputs).toHaveLength(1);
    expect(source.inputs[0]!.camera).toMatchObject({ position: [0, 1.6, 4], focalLengthMm: 24, sensorHeightMm: 24 });
    expect(source.inputs[0]!.subjects).toEqual([{ id: 'ana', position: [0, 1.2, -2], velocity: [0, 0, 0] }]);
    const msg = outbox.published.at(-1)!;
    expect(msg.suggestions.map((s) => s.id)).toEqual(['s-dolly', 's-pan']);
    expect(session.latestSuggestions).toBe(msg);
    // 25 poses; a 1 m dolly forward down -Z ends 1 m closer.
    const path = msg.suggestions[0]!.path;
    expect(path.positions).toHaveLength(25 * 3);
    expect(path.positions.slice(-3)).toEqual([0, 1.6, 3]);
    // One record for the refresh: the cards on screen, and each new one in full.
    expect(outbox.records.map((r) => [r.type, r.actor.kind, r.data?.shown, shownSuggestionsOf(r).map((x) => x.suggestionId)])).toEqual([['suggestion.shown', 'ai', ['s-dolly', 's-pan'], ['s-dolly', 's-pan']]]);
    expect(shownSuggestionsOf(outbox.records[0]!)[0]).toMatchObject({ kind: 'dolly', params: { kind: 'dolly' }, rationale: expect.any(String), inputsHash: expect.any(String) });

    // Nothing changed: no new inference. The director asks: one more, but not faster than the minimum interval.
    await tick(100.1);
    expect(source.inputs).toHaveLength(1);
    session.invalidate();
    await tick(100.2);
    expect(source.inputs).toHaveLength(1);
    await tick(100 + MIN_REFRESH_INTERVAL_S);
    expect(source.inputs).toHaveLength(2);
    // The same suggestions again are not "shown" again.
    expect(outbox.types().filter((t) => t === 'suggestion.shown')).toHaveLength(1);
  });

  it('a moving subject is a meaningful change; a stale answer for another camera is dropped', async () => {
    const { view, source, tick, outbox } = setup();
    await tick(100);
    (view.people[0]!.position as Vec3)[0] = 0.6; // 0.6 m > the 0.5 m threshold
    await tick(101);
    expect(source.inputs).toHaveLength(2);
    const published = outbox.published.length;
    // The camera switches while the model is thinking: the answer is for another shot.
    source.suggest = (input) => {
      view.active = 'cam2';
      source.inputs.push(input);
      return source.next;
    };
    (view.people[0]!.position as Vec3)[0] = 1.5;
    await tick(102);
    expect(outbox.published).toHaveLength(published);
  });

  it('accept runs the move on the active camera, attributes it to the director, and the frame sees it', async () => {
    const { outbox, source, tick, session, cameraAt } = setup();
    await tick(100);
    const { moveId } = session.accept(DIRECTOR, 's-dolly');
    expect(source.decisions).toEqual([{ id: 's-dolly', decision: 'accepted' }]);
    expect(outbox.types().slice(-2)).toEqual(['suggestion.accepted', 'move.started']);
    const started = outbox.records.at(-1)!;
    expect(started).toMatchObject({ moveId, suggestionId: 's-dolly', provenance: 'ai-approved', actor: { kind: 'human', role: 'director', clientId: 'console-1' } });
    // Used: gone from the list.
    expect(outbox.published.at(-1)!.suggestions.map((s) => s.id)).toEqual(['s-pan']);

    const snap = createMoveSnapshot();
    await tick(101);
    expect(session.activeMove('cam1', snap)).toBe(true);
    expect(snap).toMatchObject({ moveId, kind: 'dolly', status: 'running', durationS: 2, plan: { provenance: 'ai-approved', suggestionId: 's-dolly' } });
    expect(snap.progress).toBeGreaterThan(0);
    expect(snap.progress).toBeLessThan(1);
    expect(session.activeMove('cam2', snap)).toBe(false);
    expect(cameraAt(101)[2]).toBeLessThan(4);
    expect(cameraAt(101)[2]).toBeGreaterThan(3);

    await tick(102.5);
    expect(cameraAt(102.5)[2]).toBeCloseTo(3, 6); // the offset stays once the move is done
    // The move's end is history for the AI (a refresh follows, so it need not be the last record).
    expect(outbox.records.find((r) => r.type === 'move.finished')).toMatchObject({ type: 'move.finished', moveId, provenance: 'ai-approved', actor: { kind: 'human', clientId: 'console-1' }, data: { outcome: 'completed', progress: 1 } });
  });

  it('adjusting a running AI move makes it ai-modified, re-plans its path and bumps the frame plan revision', async () => {
    const { outbox, source, tick, session } = setup();
    await tick(100);
    session.accept(DIRECTOR, 's-pan');
    const snap = createMoveSnapshot();
    await tick(100.5);
    session.activeMove('cam1', snap);
    const revision = snap.planRevision;
    session.adjustMove(DIRECTOR, { durationS: 6 });
    session.activeMove('cam1', snap);
    expect(snap.planRevision).toBeGreaterThan(revision);
    expect(snap.plan.provenance).toBe('ai-modified');
    expect(snap.plan.spec.durationS).toBe(6);
    expect(outbox.records.at(-1)).toMatchObject({ type: 'move.adjusted', provenance: 'ai-modified', data: { changed: { durationS: { from: 3, to: 6 } } } });
    expect(source.decisions.at(-1)).toMatchObject({ id: 's-pan', decision: 'modified', final: { durationS: 6 } });
  });

  it('pause, speed and abort are recorded with the move; commands without a move or an unknown id fail with stable codes', async () => {
    const { outbox, tick, session } = setup();
    expect(() => session.pause(DIRECTOR)).toThrow(/^VP_ERR_MOVE_NOT_ACTIVE/);
    await tick(100);
    expect(() => session.accept(DIRECTOR, 'nope')).toThrow(/^VP_ERR_UNKNOWN_SUGGESTION/);
    const { moveId } = session.startHumanMove(DIRECTOR, { kind: 'truck', distanceM: 1, durationS: 4, easing: 'linear' });
    session.pause(DIRECTOR);
    session.speed(DIRECTOR, 2);
    session.abort(DIRECTOR);
    expect(outbox.records.slice(-4).map((r) => [r.type, r.moveId, r.provenance])).toEqual([
      ['move.started', moveId, 'human-only'],
      ['move.paused', moveId, 'human-only'],
      ['move.adjusted', moveId, 'human-only'],
      ['move.aborted', moveId, 'human-only'],
    ]);
  });

  it('reject drops the suggestion, teaches the source, and asks for fresh suggestions', async () => {
    const { outbox, source, tick, session } = setup();
    await tick(100);
    session.reject(DIRECTOR, 's-dolly', 'too fast');
    expect(outbox.records.at(-1)).toMatchObject({ type: 'suggestion.rejected', suggestionId: 's-dolly', provenance: 'ai-rejected', data: { kind: 'dolly', reason: 'too fast' } });
    expect(source.decisions).toEqual([{ id: 's-dolly', decision: 'rejected' }]);
    expect(outbox.published.at(-1)!.suggestions.map((s) => s.id)).toEqual(['s-pan']);
    await tick(100 + MIN_REFRESH_INTERVAL_S);
    expect(source.inputs).toHaveLength(2);
    expect(source.inputs[1]!.recentMoves).toEqual([{ kind: 'dolly', decision: 'rejected', endedAgoS: MIN_REFRESH_INTERVAL_S }]);
  });

  it('a move cannot start without a tracked camera', async () => {
    const { view, session, tick } = setup();
    await tick(100);
    view.active = null;
    expect(() => session.startHumanMove(DIRECTOR, { kind: 'hold', durationS: 1, easing: 'linear' })).toThrow(/^VP_ERR_NO_CAMERA/);
  });

  it('a refresh leaves the card a director holds or has adjusted as they see it, and lets go when they do', async () => {
    const { outbox, source, tick, session } = setup();
    await tick(100);
    session.hold(DIRECTOR, 's-pan');
    session.adjust(DIRECTOR, 's-dolly', { distanceM: 0.5 }, false);
    // The model now ranks differently, with new numbers for the same ids, and drops the pan.
    source.next = [suggestion('s-truck', { kind: 'truck', distanceM: 1, durationS: 2, easing: 'linear' }), suggestion('s-dolly', { kind: 'dolly', distanceM: 2, durationS: 2, easing: 'linear' })];
    session.invalidate();
    await tick(100 + MIN_REFRESH_INTERVAL_S);
    const cards = () => outbox.published.at(-1)!.suggestions.map((s) => [s.id, s.params.distanceM ?? s.params.angleRad]);
    expect(cards()).toEqual([['s-truck', 1], ['s-pan', 0.3], ['s-dolly', 0.5]]); // the held pan stays second, where the cursor is
    // The second refresh shows only the truck new (nothing for the held cards), and which cards are on screen.
    const refreshes = outbox.records.filter((r) => r.type === 'suggestion.shown');
    expect(refreshes.map((r) => shownSuggestionsOf(r).map((x) => x.suggestionId))).toEqual([['s-dolly', 's-pan'], ['s-truck']]);
    expect(refreshes[1]!.data?.shown).toEqual(['s-truck', 's-pan', 's-dolly']);
    // The console lets go (or disconnects) and the dolly is run: the next refresh is the model's own again.
    session.hold(DIRECTOR, null);
    session.accept(DIRECTOR, 's-dolly');
    session.invalidate();
    await tick(100 + 2 * MIN_REFRESH_INTERVAL_S);
    expect(cards()).toEqual([['s-truck', 1], ['s-dolly', 2]]);
    expect(() => session.hold(DIRECTOR, 'nope')).toThrow(/^VP_ERR_UNKNOWN_SUGGESTION/);
    session.hold({ role: 'director', clientId: 'console-2' }, 's-truck');
    session.releaseHolds('console-2');
    source.next = [];
    session.invalidate();
    await tick(100 + 3 * MIN_REFRESH_INTERVAL_S);
    expect(cards()).toEqual([]);
  });
});
