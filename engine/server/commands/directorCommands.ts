// Suggestion and move commands: decisions on the AI's suggestions and the director's live control of a move.
import type { DirectorSession } from '../../director/DirectorSession.ts';
import type { CommandHandlers } from '../../live/CommandRegistry.ts';

type DirectorCommand =
  | 'suggestion.accept'
  | 'suggestion.reject'
  | 'suggestion.adjust'
  | 'suggestion.refresh'
  | 'suggestion.hold'
  | 'move.start'
  | 'move.pause'
  | 'move.resume'
  | 'move.abort'
  | 'move.reset'
  | 'move.scrub'
  | 'move.speed'
  | 'move.adjust';

/** `session()` is undefined while the model is still loading (or could not load): those commands answer VP_ERR_NOT_READY. */
export function directorCommands(session: () => DirectorSession | undefined): CommandHandlers<DirectorCommand> {
  const ready = (): DirectorSession => {
    const s = session();
    if (!s) throw new Error('VP_ERR_NOT_READY: the AI director is still loading');
    return s;
  };
  return {
    'suggestion.accept': ({ suggestionId }, { actor }) => ready().accept(actor, suggestionId),
    'suggestion.reject': ({ suggestionId, reason }, { actor }) => ready().reject(actor, suggestionId, reason),
    'suggestion.adjust': ({ suggestionId, changes, start }, { actor }) => ready().adjust(actor, suggestionId, changes, start),
    'suggestion.refresh': () => ready().invalidate(),
    'suggestion.hold': ({ suggestionId }, { actor }) => ready().hold(actor, suggestionId),
    'move.start': ({ spec }, { actor }) => ready().startHumanMove(actor, spec),
    'move.pause': (_args, { actor }) => ready().pause(actor),
    'move.resume': (_args, { actor }) => ready().resume(actor),
    'move.abort': (_args, { actor }) => ready().abort(actor),
    'move.reset': (_args, { actor }) => ready().reset(actor),
    'move.scrub': ({ progress }, { actor }) => ready().scrub(actor, progress),
    'move.speed': ({ speed }, { actor }) => ready().speed(actor, speed),
    'move.adjust': ({ changes }, { actor }) => ready().adjustMove(actor, changes),
  };
}
