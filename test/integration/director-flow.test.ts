// The AI director end to end on a running engine: a subject moves (OSC) → suggestions appear on /live → the director
// accepts → the camera in `frame` messages follows the move → pause/adjust/abort work → the audit log holds it all.
import { encode, Message } from 'node-osc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecordWire } from '../../engine/protocol/audit.ts';
import type { FrameMessage, SuggestionsMessage } from '../../engine/protocol/LiveMessages.ts';
import { shownSuggestionsOf } from '../../engine/protocol/shownSuggestions.ts';
import { connectLive, type TestLiveClient } from '../support/liveClient.ts';
import { startTestEngine, waitFor, type TestEngine } from '../support/startTestEngine.ts';
import { createUdpClient, type UdpClient } from '../support/udp.ts';

let te: TestEngine;
let udp: UdpClient;
let director: TestLiveClient;
let keepAlive: NodeJS.Timeout;
const f = (value: number) => ({ type: 'float', value });

/** The tracked camera holds still at (0, 1.6, 4) looking down -Z; refreshed so it never goes stale. */
async function sendCamera(): Promise<void> {
  await udp.send(encode(new Message('/camera/sim-cam1/pose', ...[0, 1.6, 4, 0, 0, 0, 1].map(f))), te.ports.osc);
}

beforeAll(async () => {
  te = await startTestEngine();
  udp = createUdpClient();
  await sendCamera();
  keepAlive = setInterval(() => void sendCamera(), 20);
  director = await connectLive(te.url('/live', 'director'));
});
afterAll(async () => {
  clearInterval(keepAlive);
  await director.close();
  await udp.close();
  await te.close();
});

function latestSuggestions(c: TestLiveClient): SuggestionsMessage | undefined {
  return c.messages.filter((m): m is SuggestionsMessage => m.type === 'suggestions').at(-1);
}

const camPos = (fr: FrameMessage) => fr.cameras.find((c) => c.id === 'sim-cam1')!.position;
const camRot = (fr: FrameMessage) => fr.cameras.find((c) => c.id === 'sim-cam1')!.rotation;
/** Turns of the head: they change where the camera looks, not where it is. */
const TURNS = ['pan', 'tilt', 'aim', 'roll'];

describe('AI director over /live', () => {
  it('suggests after a subject moves, the accepted move drives the camera, and the audit log records both', async () => {
    // A subject walks across the set.
    for (let i = 0; i < 6; i++) {
      await udp.send(encode(new Message('/subject/talent1/position', f(-1 + i * 0.3), f(0), f(-1))), te.ports.osc);
      await new Promise((r) => setTimeout(r, 50));
    }
    const msg = await waitFor(() => {
      const m = latestSuggestions(director);
      return m && m.suggestions.length > 0 ? m : undefined;
    }, 5000, 'suggestions');
    expect(msg.backend).toMatch(/wasm|cpu|tensorflow/);
    // The model answered from its own thread; health says so and how long inference took there.
    const health = (await te.getJson('/api/health')).body;
    expect(health.director).toMatchObject({ thread: 'worker', workerRestarts: 0 });
    expect(health.director.workerInferenceMs).toBeGreaterThan(0);
    expect(health.director.refreshes).toBeGreaterThan(0);
    const top = msg.suggestions[0]!;
    expect(top.rationale.length).toBeGreaterThan(10);
    expect(top.confidence).toBeGreaterThan(0);
    expect(top.path.positions.length).toBeGreaterThanOrEqual(6);

    // Accept a move that visibly moves the camera (the top one may be a hold).
    const mover = msg.suggestions.find((s) => s.kind !== 'hold' && !TURNS.includes(s.kind)) ?? top;
    const before = camPos(director.lastFrame()!);
    const beforeRot = camRot(director.lastFrame()!);
    const ack = await director.command('suggestion.accept', { suggestionId: mover.id });
    expect(ack).toMatchObject({ ok: true });
    const moving = await director.nextFrame((fr) => fr.move?.status === 'running' && fr.move.progress > 0.2, 10000);
    expect(moving.move).toMatchObject({ provenance: 'ai-approved', suggestionId: mover.id, kind: mover.kind });
    if (TURNS.includes(mover.kind)) expect(1 - Math.abs(camRot(moving).reduce((a, v, i) => a + v * beforeRot[i]!, 0))).toBeGreaterThan(1e-6);
    else if (mover.kind !== 'hold') expect(Math.hypot(...camPos(moving).map((v, i) => v - before[i]!))).toBeGreaterThan(0.01);

    const audit = (await te.getJson('/api/audit?limit=100', 'viewer')).body.records as AuditRecordWire[];
    expect(audit.some((r) => shownSuggestionsOf(r).some((s) => s.suggestionId === mover.id) && r.actor.kind === 'ai')).toBe(true);
    expect((await te.getJson(`/api/audit?suggestionId=${mover.id}`, 'viewer')).body.records.map((r: AuditRecordWire) => r.type)).toEqual(expect.arrayContaining(['suggestion.shown', 'suggestion.accepted']));
    expect(audit.some((r) => r.type === 'suggestion.accepted' && r.suggestionId === mover.id && r.actor.kind === 'human' && r.actor.role === 'director')).toBe(true);
    expect(audit.some((r) => r.type === 'move.started' && r.provenance === 'ai-approved')).toBe(true);

    // Fair framing: the one person on set is framed by every suggestion that frames a person, and the accepted move
    // counts for them if it targeted them.
    const framing = (await te.getJson('/api/audit/framing', 'viewer')).body as { people: { subjectId: string; suggested: number; suggestedShare: number; accepted: number; acceptedShare: number }[]; suggestedTotal: number; acceptedTotal: number };
    const shownForTalent = audit.flatMap((r) => shownSuggestionsOf(r)).filter((s) => s.params.target?.type === 'subject' && s.params.target.id === 'talent1').length;
    expect(framing.suggestedTotal).toBe(shownForTalent);
    if (shownForTalent > 0) expect(framing.people).toEqual([expect.objectContaining({ subjectId: 'talent1', suggested: shownForTalent, suggestedShare: 1 })]);
    expect(framing.acceptedTotal).toBe(mover.target?.type === 'subject' ? 1 : 0);
    expect((await te.getJson('/api/audit/framing')).status).toBe(401);
  });

  it('pause holds the camera, adjust makes the move ai-modified, abort stops it smoothly', async () => {
    expect((await director.command('move.pause')).ok).toBe(true);
    await director.nextFrame((fr) => fr.move?.status === 'paused');
    // Pause eases to a stop within the acceleration limit (no jump); then the camera holds still.
    const [settled, later] = await waitFor(async () => {
      const a = director.lastFrame()!;
      await new Promise((r) => setTimeout(r, 200));
      const b = director.lastFrame()!;
      const still = b.move?.progress === a.move?.progress && JSON.stringify(camPos(a)) === JSON.stringify(camPos(b));
      return b.move?.status === 'paused' && b.frame > a.frame && still ? [a, b] : undefined;
    }, 5000, 'the paused move to come to rest');
    expect(later.move!.progress).toBe(settled.move!.progress);
    expect((await director.command('move.resume')).ok).toBe(true);
    const adjust = await director.command('move.adjust', { changes: { durationS: 12 } });
    expect(adjust).toMatchObject({ ok: true });
    const adjusted = await director.nextFrame((fr) => fr.move?.provenance === 'ai-modified');
    expect(adjusted.move!.spec.durationS).toBe(12);
    expect((await director.command('move.abort')).ok).toBe(true);
    await director.nextFrame((fr) => fr.move === null || fr.move.status === 'finished', 10000);
    const types = ((await te.getJson('/api/audit?type=move', 'viewer')).body.records as { type: string }[]).map((r) => r.type);
    expect(types).toEqual(expect.arrayContaining(['move.started', 'move.paused', 'move.resumed', 'move.adjusted', 'move.aborted']));
  });

  it('a human-only move is recorded as such; a viewer cannot decide', async () => {
    const ack = await director.command('move.start', { spec: { kind: 'pedestal', distanceM: 0.3, durationS: 1, easing: 'ease-in-out' } });
    expect(ack.ok).toBe(true);
    const records = (await te.getJson('/api/audit?provenance=human-only', 'viewer')).body.records as { type: string }[];
    expect(records.map((r) => r.type)).toContain('move.started');

    const viewer = await connectLive(te.url('/live', 'viewer'));
    const s = latestSuggestions(director)?.suggestions[0] ?? viewer.hello.suggestions?.suggestions[0];
    const refused = await viewer.command('suggestion.accept', { suggestionId: s?.id ?? 'x' });
    expect(refused.error).toMatch(/^VP_ERR_FORBIDDEN/);
    expect(viewer.hello.allowedCommands).not.toContain('suggestion.accept');
    expect(director.hello.allowedCommands).toContain('suggestion.accept');
    await viewer.close();
  });

  it('render nodes do not get the director traffic unless they subscribe to it; consoles do', async () => {
    const wall = await connectLive(te.url('/live?wall=main', 'render'));
    const optIn = await connectLive(te.url('/live?wall=ceiling', 'render'));
    expect(wall.hello.suggestions).toBeNull();
    expect((await optIn.command('live.subscribe', { director: true })).ok).toBe(true);
    const shownBefore = director.messages.filter((m) => m.type === 'suggestions').length;
    // A subject jump is a meaningful change: fresh suggestions (and their audit records) go out.
    await udp.send(encode(new Message('/subject/talent1/position', f(2), f(0), f(-2))), te.ports.osc);
    await waitFor(() => director.messages.filter((m) => m.type === 'suggestions').length > shownBefore, 5000, 'fresh suggestions');
    await waitFor(() => optIn.messages.some((m) => m.type === 'suggestions'), 2000, 'suggestions on the opted-in node');
    expect(optIn.messages.some((m) => m.type === 'event' && m.name === 'audit')).toBe(true);
    await wall.nextFrame();
    expect(wall.messages.filter((m) => m.type === 'suggestions' || (m.type === 'event' && m.name === 'audit'))).toEqual([]);
    expect(wall.frames.length).toBeGreaterThan(0);
    await wall.close();
    await optIn.close();
  });

  it('bad director commands get clear errors', async () => {
    expect((await director.command('suggestion.accept', { suggestionId: 'no-such' })).error).toMatch(/UNKNOWN_SUGGESTION/);
    expect((await director.command('move.start', { spec: { kind: 'warp', durationS: 1, easing: 'linear' } })).error).toMatch(/^VP_ERR_BAD_ARGS/);
    expect((await director.command('move.scrub', { progress: 2 })).error).toMatch(/^VP_ERR_BAD_ARGS/);
    expect((await te.getJson('/api/audit?limit=0', 'viewer')).status).toBe(400);
  });
});
