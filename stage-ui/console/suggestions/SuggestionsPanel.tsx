// Ranked AI suggestions (best first), or the move editor while one is being adjusted. A viewer sees the list only.
import { Panel } from '../../ui/Panel.tsx';
import { useCan, useConsole } from '../state/ConsoleContext.ts';
import { MoveEditor } from './MoveEditor.tsx';
import { SuggestionCard, type SuggestionPermissions } from './SuggestionCard.tsx';

export function SuggestionsPanel({ className = '', embedded = false }: { className?: string; embedded?: boolean }) {
  const suggestions = useConsole((s) => s.suggestions);
  const editor = useConsole((s) => s.editor);
  const connected = useConsole((s) => s.hello !== null);
  const role = useConsole((s) => s.hello?.role ?? null);
  const can: SuggestionPermissions = { accept: useCan('suggestion.accept'), reject: useCan('suggestion.reject'), adjust: useCan('suggestion.adjust') };
  const list = suggestions?.suggestions ?? [];
  const readOnly = connected && !can.accept && !can.reject && !can.adjust;
  const body = editor ? (
    <MoveEditor target={editor} />
  ) : list.length === 0 ? (
    <div className="empty" data-testid="suggestions-empty">
      <strong>No suggestions right now</strong>
      <span>the AI director proposes moves here as the shot develops; nothing moves until a director accepts one</span>
    </div>
  ) : (
    <div className="sugg-list">
      {list.map((s, i) => (
        <SuggestionCard key={s.id} suggestion={s} rank={i + 1} can={can} />
      ))}
    </div>
  );
  const footer = (
    <div className="sugg-foot">
      {suggestions ? (
        <span className="num" title="model version · tfjs backend">
          {suggestions.modelVersion} · {suggestions.backend}
        </span>
      ) : (
        <span>AI director: no proposal yet</span>
      )}
      {readOnly && <span style={{ marginLeft: 'auto' }}>{role === 'director' ? 'no decisions on this engine yet' : `${role}: view only`}</span>}
      {!readOnly && list.length > 0 && !editor && <span style={{ marginLeft: 'auto' }}>hover = preview</span>}
    </div>
  );
  if (embedded)
    return (
      <>
        <div className="panel-body" data-testid="suggestions-panel">
          {body}
        </div>
        {footer}
      </>
    );
  return (
    <Panel title={editor ? 'Adjust move' : 'AI suggestions'} className={className} testId="suggestions-panel" actions={list.length > 0 && !editor ? <span className="muted num">{list.length}</span> : undefined} footer={footer}>
      {body}
    </Panel>
  );
}
