// The suggestion the 3D views preview: the hovered/focused one, else the one open in the editor; its re-planned
// version (after a preview adjust) wins over the original.
import type { SuggestionWire } from '../../../engine/protocol/LiveMessages.ts';
import type { ConsoleState } from './ConsoleStore.ts';

export function previewedSuggestion(s: ConsoleState): SuggestionWire | null {
  const id = s.hoveredSuggestionId ?? (s.editor?.mode === 'suggestion' ? s.editor.suggestionId : null);
  if (id === null) return null;
  return s.replanned[id] ?? s.suggestions?.suggestions.find((x) => x.id === id) ?? null;
}
