// Take commands: record, stop, and play takes back on the walls.
import type { CommandHandlers } from '../../live/CommandRegistry.ts';
import type { AuditActorWire } from '../../protocol/audit.ts';
import type { Actor } from '../../protocol/roles.ts';
import type { TakeControl } from '../TakeControl.ts';

type TakeCommand = 'take.start' | 'take.stop' | 'take.play' | 'take.pause' | 'take.resume' | 'take.seek' | 'take.stopPlayback';

export function takeCommands(takes: TakeControl): CommandHandlers<TakeCommand> {
  const human = (actor: Actor): AuditActorWire => ({ kind: 'human', role: actor.role, clientId: actor.clientId });
  return {
    'take.start': (args, { actor }) => takes.start({ ...(args.slate && { slate: args.slate }), ...(args.takeNumber && { takeNumber: args.takeNumber }), ...(args.description && { description: args.description }) }, human(actor)),
    'take.stop': (_args, { actor }) => takes.stop(human(actor)),
    'take.play': ({ takeId, fromFrame, speed, loop }) => takes.play(takeId, { ...(fromFrame !== undefined && { fromFrame }), ...(speed !== undefined && { speed }), ...(loop !== undefined && { loop }) }),
    'take.pause': () => takes.pause(),
    'take.resume': () => takes.resume(),
    'take.seek': ({ frame }) => takes.seek(frame),
    'take.stopPlayback': () => takes.stopPlayback(),
  };
}
