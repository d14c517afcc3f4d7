// The console's keyboard shortcuts, in one table: the handler and the help overlay both read it.

import type { CommandName } from '../../../engine/protocol/commands.ts';

export interface Shortcut {
  keys: string[];
  does: string;
  /** The command the key sends: the help lists the key only for a role allowed it (undefined = every role). */
  needs?: CommandName;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['Space'], does: 'pause / resume the move', needs: 'move.pause' },
  { keys: ['Esc'], does: 'abort the move (once no editor, prompt or help is open)', needs: 'move.abort' },
  { keys: ['Esc'], does: 'close an open editor, prompt or help' },
  { keys: ['←', '→'], does: 'scrub the move back / forward 5 %', needs: 'move.scrub' },
  { keys: ['↑', '↓'], does: 'move speed + / − 0.25 (0.25 … 2)', needs: 'move.speed' },
  { keys: ['A'], does: 'accept the top suggestion', needs: 'suggestion.accept' },
  { keys: ['R'], does: 'reject the top suggestion', needs: 'suggestion.reject' },
  { keys: ['C'], does: 'next camera on the walls', needs: 'camera.select' },
  { keys: ['1', '2', '3'], does: 'stage view: orbit / fly / follow the active camera' },
  { keys: ['P'], does: 'scene preview on / off (this console only)' },
  { keys: ['hold mouse', 'W A S D', 'Q E'], does: 'fly (in fly mode or scene preview)' },
  { keys: ['?'], does: 'this help' },
];
