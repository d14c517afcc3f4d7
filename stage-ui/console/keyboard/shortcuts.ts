// The console's keyboard shortcuts, in one table: the handler and the help overlay both read it.

export interface Shortcut {
  keys: string[];
  does: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['Space'], does: 'pause / resume the move' },
  { keys: ['Esc'], does: 'abort the move (closes an open editor, prompt or help first)' },
  { keys: ['←', '→'], does: 'scrub the move back / forward 5 %' },
  { keys: ['↑', '↓'], does: 'move speed + / − 0.25 (0.25 … 2)' },
  { keys: ['A'], does: 'accept the top suggestion' },
  { keys: ['R'], does: 'reject the top suggestion' },
  { keys: ['C'], does: 'next camera on the walls' },
  { keys: ['1', '2', '3'], does: 'stage view: orbit / fly / follow the active camera' },
  { keys: ['P'], does: 'scene preview on / off (this console only)' },
  { keys: ['hold mouse', 'W A S D', 'Q E'], does: 'fly (in fly mode or scene preview)' },
  { keys: ['?'], does: 'this help' },
];
