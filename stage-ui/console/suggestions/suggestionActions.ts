// Accept / reject a suggestion, shared by the buttons and the A / R keys: sends the command, confirms with a toast.
import type { SuggestionWire } from '../../../engine/protocol/LiveMessages.ts';
import type { ConsoleStore } from '../state/ConsoleStore.ts';
import type { LiveSession } from '../state/LiveSession.ts';
import { pushToast } from '../state/toasts.ts';

export async function acceptSuggestion(session: LiveSession, store: ConsoleStore, s: SuggestionWire): Promise<boolean> {
  const ack = await session.command('suggestion.accept', { suggestionId: s.id });
  if (ack.ok) {
    pushToast(store, 'info', `Accepted: ${s.kind}`);
    store.set((st) => ({ hoveredSuggestionId: st.hoveredSuggestionId === s.id ? null : st.hoveredSuggestionId }));
  }
  return ack.ok;
}

export async function rejectSuggestion(session: LiveSession, store: ConsoleStore, s: SuggestionWire, reason?: string): Promise<boolean> {
  const ack = await session.command('suggestion.reject', reason ? { suggestionId: s.id, reason } : { suggestionId: s.id });
  store.set((st) => ({ rejectingId: st.rejectingId === s.id ? null : st.rejectingId }));
  if (ack.ok) pushToast(store, 'info', `Rejected: ${s.kind}${reason ? ` (${reason})` : ''}`);
  return ack.ok;
}
