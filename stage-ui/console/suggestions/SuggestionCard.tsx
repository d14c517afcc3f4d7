// One ranked suggestion: kind, confidence, parameters, rationale; hovering or focusing it previews its path in the
// stage view and its end pose in the camera view. Buttons only for what the role may do.
import type { SuggestionWire } from '../../../engine/protocol/LiveMessages.ts';
import { useConsole, useSession, useStore } from '../state/ConsoleContext.ts';
import { ConfidenceBar } from './ConfidenceBar.tsx';
import { describeSpec, describeTarget } from './moveSpecFields.ts';
import { RejectPrompt } from './RejectPrompt.tsx';
import { acceptSuggestion, rejectSuggestion } from './suggestionActions.ts';

export interface SuggestionPermissions {
  accept: boolean;
  reject: boolean;
  adjust: boolean;
}

export function SuggestionCard({ suggestion, rank, can }: { suggestion: SuggestionWire; rank: number; can: SuggestionPermissions }) {
  const store = useStore();
  const session = useSession();
  const hovered = useConsole((s) => s.hoveredSuggestionId === suggestion.id);
  const rejecting = useConsole((s) => s.rejectingId === suggestion.id);
  const pois = useConsole((s) => s.hello?.pois);
  const target = describeTarget(suggestion.target, pois ?? []);
  const isTop = rank === 1;
  const hover = () => store.set({ hoveredSuggestionId: suggestion.id });
  const unhover = () => store.set((s) => (s.hoveredSuggestionId === suggestion.id ? { hoveredSuggestionId: null } : {}));
  return (
    <article
      className={`sugg${hovered ? ' hovered' : ''}`}
      tabIndex={0}
      data-testid="suggestion"
      data-suggestion-id={suggestion.id}
      aria-label={`suggestion ${rank}: ${suggestion.kind}, ${Math.round(suggestion.confidence * 100)} percent`}
      onMouseEnter={hover}
      onMouseLeave={unhover}
      onFocus={hover}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) unhover();
      }}
    >
      <div className="row1">
        <span className="rank">#{rank}</span>
        <span className="kind">{suggestion.kind}</span>
        {target && <span className="muted">→ {target}</span>}
      </div>
      <ConfidenceBar confidence={suggestion.confidence} />
      <div className="muted num" style={{ fontSize: 14 }}>
        {describeSpec(suggestion.params)}
      </div>
      <div className="rationale">{suggestion.rationale}</div>
      {rejecting ? (
        <RejectPrompt onReject={(reason) => void rejectSuggestion(session, store, suggestion, reason)} onCancel={() => store.set({ rejectingId: null })} />
      ) : (
        (can.accept || can.reject || can.adjust) && (
          <div className="actions">
            {can.accept && (
              <button type="button" className="btn primary big" data-testid="accept" onClick={() => void acceptSuggestion(session, store, suggestion)}>
                Accept {isTop && <kbd>A</kbd>}
              </button>
            )}
            {can.adjust && (
              <button type="button" className="btn big" data-testid="adjust" onClick={() => store.set({ editor: { mode: 'suggestion', suggestionId: suggestion.id }, hoveredSuggestionId: null })}>
                Adjust…
              </button>
            )}
            {can.reject && (
              <button type="button" className="btn danger big" data-testid="reject" onClick={() => store.set({ rejectingId: suggestion.id })}>
                Reject {isTop && <kbd>R</kbd>}
              </button>
            )}
          </div>
        )
      )}
    </article>
  );
}
