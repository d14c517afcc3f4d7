// Bottom-right stack of command refusals and keyboard-action feedback.
import { useConsole, useStore } from './state/ConsoleContext.ts';
import { dismissToast } from './state/toasts.ts';

export function Toasts() {
  const store = useStore();
  const toasts = useConsole((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite" data-testid="toasts">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
          <span>{t.text}</span>
          <button type="button" className="x" aria-label="dismiss" onClick={() => dismissToast(store, t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
