// The console's side of /live: routes engine messages into the store (frames into the per-frame holder, the rest at
// human speed), sends commands and matches their acks by id, and raises a toast for every refusal.
import type { CommandArgs, CommandName, CommandResult } from '../../../engine/protocol/commands.ts';
import type { AckMessage, EventMessage, HelloMessage, ServerMessage, SuggestionsMessage } from '../../../engine/protocol/LiveMessages.ts';
import { LiveConnection, type ConnectionState } from '../../live/LiveConnection.ts';
import { isAuditRecord, type AuditRecordWire } from '../audit/AuditRecordWire.ts';
import { isTakeManifest, upsertTake } from '../takes/takeLibrary.ts';
import { takeLabel } from '../takes/takeLabels.ts';
import { FRAME_PUBLISH_MS, type ConsoleStore } from './ConsoleStore.ts';
import { pushToast } from './toasts.ts';

/** An ack that takes longer than this is reported as lost (the engine acks at the next tick, 20 ms at 50 fps). */
const ACK_TIMEOUT_MS = 5000;
/** Newest audit records kept in memory. */
const MAX_AUDIT_RECORDS = 1000;
/** Of those, at most this many shown suggestions (the AI proposes a new set every refresh). */
const MAX_SHOWN_AUDIT_RECORDS = 300;
/** Events whose data is a take manifest (broadcast to every client). */
const TAKE_EVENTS = new Set(['take.started', 'take.stopped', 'take.failed']);

interface PendingCommand {
  name: string;
  resolve: (ack: AckMessage) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface CommandOptions {
  /** No toast on failure (the caller reports it its own way). */
  quiet?: boolean;
}

/** The ack of command `N`, its `result` typed by the protocol's command table. */
export type CommandAck<N extends CommandName> = Omit<AckMessage, 'result'> & { result?: CommandResult<N> };

/** `command(name, args?, options?)`: args may be left out only for commands whose arguments are all optional. */
export type CommandCall<N extends CommandName> = {} extends CommandArgs<N> ? [args?: CommandArgs<N>, options?: CommandOptions] : [args: CommandArgs<N>, options?: CommandOptions];

export class LiveSession {
  private readonly connection: LiveConnection;
  private readonly pending = new Map<string, PendingCommand>();
  private seq = 0;
  private lastPublishMs = 0;
  private wasOpen = false;
  private connects = 0;
  /** The card this console last asked the engine to hold (undefined: nothing said since connecting). */
  private heldId: string | null | undefined;

  constructor(private readonly store: ConsoleStore) {
    this.connection = new LiveConnection({ onMessage: (m) => this.onMessage(m), onState: (s) => this.onState(s) });
    store.subscribe(() => this.syncHold());
  }

  /**
   * The card under the director's cursor, open in the editor or awaiting a reject reason is held on the engine, so
   * a refresh does not change it under them (suggestion.hold).
   */
  private syncHold(): void {
    const s = this.store.get();
    const id = s.editor?.mode === 'suggestion' ? s.editor.suggestionId : (s.hoveredSuggestionId ?? s.rejectingId);
    if (id === this.heldId || !this.can('suggestion.hold') || s.connection.state !== 'open') return;
    if (this.heldId === undefined && id === null) return;
    this.heldId = id;
    void this.command('suggestion.hold', { suggestionId: id }, { quiet: true });
  }

  /** Whether this console's role may send `name` (the engine enforces it anyway). */
  can(name: CommandName): boolean {
    return this.store.get().hello?.allowedCommands.includes(name) ?? false;
  }

  /** Sends a command and resolves with its ack (a failed ack, not a rejection, when offline or unanswered). */
  command<N extends CommandName>(name: N, ...call: CommandCall<N>): Promise<CommandAck<N>> {
    const [args = {}, options = {}] = call as [CommandArgs<N> | undefined, CommandOptions | undefined];
    const id = `c${++this.seq}`;
    return new Promise<CommandAck<N>>((resolve) => {
      // The engine checks the result against the same command table; the ack carries it untyped on the wire.
      const finish = (ack: AckMessage) => {
        if (!ack.ok && !options.quiet) pushToast(this.store, 'error', `${name}: ${ack.error ?? 'refused'}`);
        resolve(ack as CommandAck<N>);
      };
      if (!this.connection.send({ type: 'command', id, name, args })) {
        finish({ type: 'ack', id, ok: false, error: 'VP_ERR_OFFLINE: not connected to the engine' });
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(id);
        finish({ type: 'ack', id, ok: false, error: `VP_ERR_TIMEOUT: no answer within ${ACK_TIMEOUT_MS / 1000} s` });
      }, ACK_TIMEOUT_MS);
      this.pending.set(id, { name, resolve: finish, timer });
    });
  }

  close(): void {
    this.connection.close();
  }

  private onState(state: ConnectionState): void {
    const prev = this.store.get().connection;
    if (state === 'refused') {
      this.store.set({ connection: { ...prev, state, refusedReason: this.connection.refusedReason } });
      return;
    }
    if (state === 'open') {
      this.store.set({ connection: { state, attempts: 0, reconnects: prev.reconnects + (this.wasOpen ? 1 : 0) } });
      this.wasOpen = true;
      return;
    }
    if (state === 'closed') {
      // Commands in flight died with the socket: answer them now rather than at their timeout.
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.resolve({ type: 'ack', id, ok: false, error: 'VP_ERR_OFFLINE: connection lost before the engine answered' });
      }
      this.pending.clear();
    }
    // Every connect after the first is a retry.
    const retry = state === 'connecting' && this.connects++ > 0;
    this.store.set({ connection: { state, attempts: retry ? prev.attempts + 1 : prev.attempts, reconnects: prev.reconnects } });
  }

  private onMessage(m: ServerMessage): void {
    switch (m.type) {
      case 'frame': {
        const t0 = performance.now();
        const live = this.store.live;
        live.frame = m;
        live.frameAtMs = t0;
        for (const invalidate of live.onFrame) invalidate();
        if (t0 - this.lastPublishMs >= FRAME_PUBLISH_MS || this.store.get().frame === null) {
          this.lastPublishMs = t0;
          this.store.set({ frame: m });
        }
        live.frameHandlingMs += 0.05 * (performance.now() - t0 - live.frameHandlingMs);
        return;
      }
      case 'hello':
        return this.onHello(m);
      case 'suggestions':
        return this.onSuggestions(withoutZeroConfidence(m));
      case 'ack': {
        const p = this.pending.get(m.id);
        if (!p) return;
        clearTimeout(p.timer);
        this.pending.delete(m.id);
        p.resolve(m);
        return;
      }
      case 'event':
        return this.onEvent(m);
      case 'error':
        pushToast(this.store, 'error', `engine: ${m.reason}`);
        return;
    }
  }

  private onHello(hello: HelloMessage): void {
    const s = this.store.get();
    this.heldId = undefined; // a new connection holds nothing yet: say it again
    this.store.live.frame = null;
    // The offered set, as the list shows it: a card hovered or being edited must be one of those.
    const suggestions = hello.suggestions && withoutZeroConfidence(hello.suggestions);
    this.store.set({
      hello,
      frame: null,
      suggestions,
      replanned: {},
      hoveredSuggestionId: keepIfPresent(s.hoveredSuggestionId, suggestions),
      rejectingId: keepIfPresent(s.rejectingId, suggestions),
      editor: s.editor?.mode === 'suggestion' && !keepIfPresent(s.editor.suggestionId, suggestions) ? null : s.editor,
      // First hello: open the tab this role works in.
      sideTab: s.hello ? s.sideTab : defaultTab(hello.role),
    });
  }

  private onSuggestions(m: SuggestionsMessage): void {
    const s = this.store.get();
    this.store.set({
      suggestions: m,
      hoveredSuggestionId: keepIfPresent(s.hoveredSuggestionId, m),
      rejectingId: keepIfPresent(s.rejectingId, m),
      editor: s.editor?.mode === 'suggestion' && !keepIfPresent(s.editor.suggestionId, m) ? null : s.editor,
    });
  }

  private onEvent(m: EventMessage): void {
    if (m.name === 'audit' && isAuditRecord(m.data)) {
      appendAudit(this.store, [m.data]);
      return;
    }
    if (TAKE_EVENTS.has(m.name) && isTakeManifest(m.data)) {
      upsertTake(this.store, m.data);
      // The show goes on without the recording: say so loudly, once.
      if (m.name === 'take.failed') pushToast(this.store, 'error', `take ${takeLabel(m.data.slate, m.data.takeNumber)} failed: ${m.data.note ?? 'recording stopped'}`);
      return;
    }
    if (m.name === 'scene.loaded' && isSceneRef(m.data)) {
      const hello = this.store.get().hello;
      // The new scene's points of interest replace the old ones: labels, markers and suggestion targets follow.
      const sent = (m.data as { pois?: unknown }).pois;
      const pois = Array.isArray(sent) ? (sent as HelloMessage['pois']) : hello?.pois;
      if (hello) this.store.set({ hello: { ...hello, scene: { id: m.data.id, name: m.data.name }, pois: pois ?? [] } });
    }
  }
}

/** Adds records (from the endpoint or live events) in seq order without duplicates, keeping the newest. */
export function appendAudit(store: ConsoleStore, records: AuditRecordWire[]): void {
  const { audit } = store.get();
  const bySeq = new Map(audit.records.map((r) => [r.seq, r]));
  for (const r of records) bySeq.set(r.seq, r);
  // Shown suggestions are most of the record (a new set every refresh): they get their own budget, so a decision is
  // never pushed out of the console by the AI's proposals.
  const sorted = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const shown = sorted.filter((r) => r.type === 'suggestion.shown').slice(-MAX_SHOWN_AUDIT_RECORDS);
  const decisions = sorted.filter((r) => r.type !== 'suggestion.shown').slice(-MAX_AUDIT_RECORDS);
  const merged = [...shown, ...decisions].sort((a, b) => a.seq - b.seq);
  store.set({ audit: { status: audit.status === 'loading' || audit.status === 'unavailable' ? 'ok' : audit.status, records: merged } });
}

/**
 * A suggestion the card would show at 0 % (under half a percent) is no offer a director can weigh: it is left out of
 * the list, the A key and the ghost path alike.
 */
export function withoutZeroConfidence(m: SuggestionsMessage): SuggestionsMessage {
  return m.suggestions.every((x) => x.confidence >= 0.005) ? m : { ...m, suggestions: m.suggestions.filter((x) => x.confidence >= 0.005) };
}

function keepIfPresent(id: string | null, m: SuggestionsMessage | null): string | null {
  return id !== null && m?.suggestions.some((s) => s.id === id) ? id : null;
}

function defaultTab(role: HelloMessage['role']): 'suggestions' | 'tracking' | 'scenes' {
  if (role === 'operator') return 'tracking';
  if (role === 'designer') return 'scenes';
  return 'suggestions';
}

function isSceneRef(v: unknown): v is { id: string; name: string } {
  return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' && typeof (v as { name?: unknown }).name === 'string';
}
