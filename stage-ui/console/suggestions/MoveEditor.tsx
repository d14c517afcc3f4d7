// Adjust a move: a suggestion before it starts (`suggestion.adjust`, preview or start), the running move
// (`move.adjust`), or a new human-only move (`move.start`). Angles are edited in degrees and sent in radians; only
// the changed fields are sent.
import { useMemo, useState } from 'react';
import type { CommandArgs, CommandResult } from '../../../engine/protocol/commands.ts';
import type { EasingWire, MoveSpecWire, MoveTargetWire, SuggestionWire } from '../../../engine/protocol/LiveMessages.ts';
import { NumberSlider } from '../../ui/NumberSlider.tsx';
import { useCan, useConsole, useSession, useStore } from '../state/ConsoleContext.ts';
import type { EditorTarget } from '../state/ConsoleStore.ts';
import { pushToast } from '../state/toasts.ts';
import { useCompactLayout } from '../useCompactLayout.ts';
import { BezierEditor, NAMED_BEZIER } from './BezierEditor.tsx';
import { changesOf, describeEasing, draftOf, fieldsOf, MOVE_KINDS, specOf, type MoveDraft } from './moveSpecFields.ts';

const NEW_MOVE: MoveSpecWire = { kind: 'dolly', distanceM: 1, durationS: 4, easing: 'ease-in-out' };
const EASING_NAMES = Object.keys(NAMED_BEZIER) as (keyof typeof NAMED_BEZIER)[];

export function MoveEditor({ target }: { target: EditorTarget }) {
  const store = useStore();
  const suggestion = useConsole((s) => (target.mode === 'suggestion' ? (s.suggestions?.suggestions.find((x) => x.id === target.suggestionId) ?? null) : null));
  const replanned = useConsole((s) => (target.mode === 'suggestion' ? (s.replanned[target.suggestionId] ?? null) : null));
  // The running move's spec when the editor opened: the base the changes are measured from.
  const [moveSpec] = useState(() => store.get().frame?.move?.spec ?? null);
  const original: MoveSpecWire | null = target.mode === 'suggestion' ? (suggestion?.params ?? null) : target.mode === 'move' ? moveSpec : NEW_MOVE;
  if (!original) {
    return (
      <div className="empty">
        <strong>{target.mode === 'move' ? 'No move running' : 'That suggestion is gone'}</strong>
        <button type="button" className="btn" onClick={() => store.set({ editor: null })}>
          Close
        </button>
      </div>
    );
  }
  return <EditorForm key={target.mode === 'suggestion' ? target.suggestionId : target.mode} target={target} original={original} suggestion={suggestion} replanned={replanned} />;
}

function EditorForm({ target, original, suggestion, replanned }: { target: EditorTarget; original: MoveSpecWire; suggestion: SuggestionWire | null; replanned: SuggestionWire | null }) {
  const store = useStore();
  const session = useSession();
  const canAdjustSuggestion = useCan('suggestion.adjust');
  const canAdjustMove = useCan('move.adjust');
  const canStart = useCan('move.start');
  const pois = useConsole((s) => s.hello?.pois);
  const subjectsKey = useConsole((s) => s.frame?.subjects.map((x) => x.id).join('\n') ?? '');
  const [draft, setDraft] = useState<MoveDraft>(() => draftOf(replanned?.params ?? original));
  const [busy, setBusy] = useState(false);
  const compact = useCompactLayout();
  const f = fieldsOf(draft.kind);
  const update = (patch: Partial<MoveDraft>) => setDraft((d) => ({ ...d, ...patch }));

  // Changes against the suggestion as the engine sent it, and against any preview re-plan, so a field set back to
  // its original value after a preview is still sent.
  const changes = useMemo(() => {
    const c = changesOf(original, draft);
    return replanned ? { ...changesOf(replanned.params, draft), ...c } : c;
  }, [original, replanned, draft]);
  const changed = Object.keys(changes);
  const close = () => store.set({ editor: null });

  const run = async <N extends 'suggestion.adjust' | 'move.adjust' | 'move.start'>(name: N, args: CommandArgs<N>, done: string, closeAfter: boolean) => {
    setBusy(true);
    const ack = await session.command<'suggestion.adjust' | 'move.adjust' | 'move.start'>(name, args);
    setBusy(false);
    if (!ack.ok) return;
    if (name === 'suggestion.adjust' && target.mode === 'suggestion') {
      const re = (ack.result as CommandResult<'suggestion.adjust'> | undefined)?.suggestion;
      if (re) store.set((s) => ({ replanned: { ...s.replanned, [target.suggestionId]: re } }));
    }
    pushToast(store, 'info', done);
    if (closeAfter) close();
  };

  const targets: { value: string; label: string; target: MoveTargetWire }[] = [
    ...(subjectsKey ? subjectsKey.split('\n') : []).map((id) => ({ value: `subject:${id}`, label: `talent: ${id}`, target: { type: 'subject' as const, id } })),
    ...(pois ?? []).map((p) => ({ value: `poi:${p.id}`, label: p.name, target: { type: 'poi' as const, id: p.id } })),
  ];
  const targetValue = draft.target ? (draft.target.type === 'point' ? 'point' : `${draft.target.type}:${draft.target.id}`) : '';

  return (
    <div className="editor" data-testid="move-editor" data-mode={target.mode}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
        {target.mode === 'new' ? (
          <select aria-label="move kind" value={draft.kind} onChange={(e) => update({ kind: e.target.value as MoveDraft['kind'] })} style={{ fontSize: 18, fontWeight: 800, height: 40 }}>
            {MOVE_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        ) : (
          <h3>{draft.kind}</h3>
        )}
        <span className="muted">{target.mode === 'suggestion' ? `suggestion · ${Math.round((suggestion?.confidence ?? 0) * 100)}%` : target.mode === 'move' ? 'running move' : 'new human-only move'}</span>
        <button type="button" className="btn small ghosted" style={{ marginLeft: 'auto' }} onClick={close} aria-label="close editor">
          ✕ <kbd>Esc</kbd>
        </button>
      </div>
      <div className="grid2">
        <NumberSlider label="Duration" unit="s" min={0.5} max={30} step={0.01} value={draft.durationS} onChange={(durationS) => update({ durationS })} testId="edit-duration" />
        <NumberSlider label="Speed" unit="×" min={0.25} max={2} step={0.05} value={draft.speed} onChange={(speed) => update({ speed })} testId="edit-speed" />
        {f.distance && <NumberSlider label="Distance" unit="m" min={-10} max={10} step={0.01} value={draft.distanceM} onChange={(distanceM) => update({ distanceM })} testId="edit-distance" />}
        {f.angle && <NumberSlider label={f.tilt ? 'Pan' : 'Angle'} unit="°" min={-180} max={180} step={0.1} value={draft.angleDeg} onChange={(angleDeg) => update({ angleDeg })} testId="edit-angle" />}
        {f.tilt && <NumberSlider label="Tilt" unit="°" min={-90} max={90} step={0.1} value={draft.tiltDeg} onChange={(tiltDeg) => update({ tiltDeg })} testId="edit-tilt" />}
        {f.target && (
          <label className="field">
            <span>Target</span>
            <select
              value={targetValue}
              data-testid="edit-target"
              onChange={(e) => update({ target: targets.find((t) => t.value === e.target.value)?.target ?? (e.target.value === 'point' ? draft.target : null) })}
            >
              <option value="">— camera's own —</option>
              {draft.target?.type === 'point' && <option value="point">point ({draft.target.position.map((v) => v.toFixed(1)).join(', ')})</option>}
              {targets.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {f.framing && (
          <NumberSlider
            label="Framing"
            unit="subject height, of frame"
            min={0.05}
            max={1}
            step={0.01}
            value={draft.framing ?? 0.5}
            onChange={(framing) => update({ framing })}
            testId="edit-framing"
          />
        )}
      </div>
      <div className="bezier">
        <BezierEditor value={draft.easing} onChange={(easing) => update({ easing })} sizePx={compact ? 116 : 168} />
        <div style={{ display: 'grid', gap: 8, alignContent: 'start' }}>
          <label className="field">
            <span>Easing</span>
            <select
              value={typeof draft.easing === 'string' ? draft.easing : 'custom'}
              data-testid="edit-easing"
              onChange={(e) => update({ easing: e.target.value === 'custom' ? { bezier: [...NAMED_BEZIER['ease-in-out']] } : (e.target.value as EasingWire) })}
            >
              {EASING_NAMES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
              <option value="custom">custom curve</option>
            </select>
          </label>
          <span className="muted num" style={{ fontSize: 13 }}>
            {describeEasing(draft.easing)}
          </span>
          <span className="dim" style={{ fontSize: 13 }}>
            drag the handles; x is time, y is progress
          </span>
        </div>
      </div>
      <div className="muted" style={{ fontSize: 13, minHeight: 18 }} data-testid="edit-changes">
        {target.mode === 'new' ? '' : changed.length ? `changes: ${changed.join(', ')}` : 'no changes yet'}
      </div>
      <div className="buttons">
        {target.mode === 'suggestion' && canAdjustSuggestion && (
          <>
            <button
              type="button"
              className="btn big"
              disabled={busy || changed.length === 0}
              data-testid="edit-preview"
              onClick={() => void run('suggestion.adjust', { suggestionId: target.suggestionId, changes, start: false }, 'Path re-planned: see the ghost', false)}
            >
              Preview path
            </button>
            <button
              type="button"
              className="btn primary big"
              disabled={busy}
              data-testid="edit-start"
              onClick={() => void run('suggestion.adjust', { suggestionId: target.suggestionId, changes, start: true }, `Started: ${draft.kind} (modified)`, true)}
            >
              {changed.length ? 'Adjust & start' : 'Start as is'}
            </button>
          </>
        )}
        {target.mode === 'move' && canAdjustMove && (
          <button type="button" className="btn primary big" disabled={busy || changed.length === 0} data-testid="edit-apply" onClick={() => void run('move.adjust', { changes }, 'Running move adjusted', true)}>
            Apply to running move
          </button>
        )}
        {target.mode === 'new' && canStart && (
          <button type="button" className="btn primary big" disabled={busy} data-testid="edit-start-new" onClick={() => void run('move.start', { spec: specOf(draft) }, `Started: ${draft.kind} (human-only)`, true)}>
            Start move
          </button>
        )}
        <button type="button" className="btn big ghosted" onClick={close}>
          Cancel
        </button>
      </div>
    </div>
  );
}
