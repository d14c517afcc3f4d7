// Runs /live commands from the protocol's command table: role check, zod args, one handler per command (typed by
// the table, so a handler's arguments and result are checked at compile time); refusals are acked and logged.
import type { Logger } from '../log/createLogger.ts';
import { COMMAND_NAMES, COMMANDS, commandsAllowedFor, type CommandName, type CommandResult, type ParsedCommandArgs } from '../protocol/commands.ts';
import type { AckMessage, RoleWire } from '../protocol/LiveMessages.ts';
import type { Actor } from '../protocol/roles.ts';
import type { LiveClient } from './LiveClient.ts';
import type { QueuedCommand } from './LiveServer.ts';

/** Who sent the command, and the connection it came on (live.subscribe changes the connection's subscription). */
export interface CommandContext {
  actor: Actor;
  client: LiveClient;
}

/** Runs at the tick; its return value (or what its promise resolves to) is the ack's `result`. Throw to fail. */
export type CommandHandler<N extends CommandName> = (args: ParsedCommandArgs<N>, ctx: CommandContext) => CommandResult<N> | Promise<CommandResult<N>>;
export type CommandHandlers<N extends CommandName = CommandName> = { [K in N]: CommandHandler<K> };

export class CommandRegistry {
  private readonly handlers: CommandHandlers;

  constructor(
    private readonly log: Logger,
    handlers: CommandHandlers,
  ) {
    const missing = COMMAND_NAMES.filter((name) => typeof handlers[name] !== 'function');
    if (missing.length) throw new Error(`no handler for command ${missing.join(', ')}`);
    this.handlers = handlers;
  }

  /** Commands a role may send (the UI shows only these). */
  allowedFor(role: RoleWire): CommandName[] {
    return commandsAllowedFor(role);
  }

  /** Synchronous commands are acked at once; a command returning a promise (file I/O) is acked when it settles. */
  execute({ client, command }: QueuedCommand): AckMessage | Promise<AckMessage> {
    const base = { type: 'ack' as const, id: command.id };
    if (!Object.hasOwn(COMMANDS, command.name)) return { ...base, ok: false, error: `VP_ERR_UNKNOWN_COMMAND: ${command.name}` };
    const name = command.name as CommandName;
    const def = COMMANDS[name];
    if (!(def.roles as readonly RoleWire[]).includes(client.role)) {
      this.log.warn({ clientId: client.id, role: client.role, command: name }, 'command refused for role');
      return { ...base, ok: false, error: `VP_ERR_FORBIDDEN: role ${client.role} may not ${name}` };
    }
    const args = def.args.safeParse(command.args ?? {});
    if (!args.success) {
      const issue = args.error.issues[0]!;
      return { ...base, ok: false, error: `VP_ERR_BAD_ARGS: ${issue.path.join('.') || 'args'}: ${issue.message}` };
    }
    const done = (result: unknown): AckMessage => {
      this.log.info({ clientId: client.id, role: client.role, command: name }, 'command');
      return result === undefined ? { ...base, ok: true } : { ...base, ok: true, result };
    };
    const failed = (err: unknown): AckMessage => ({ ...base, ok: false, error: (err as Error).message });
    try {
      const handler = this.handlers[name] as (args: unknown, ctx: CommandContext) => unknown;
      const result = handler(args.data, { actor: { role: client.role, clientId: client.id }, client });
      return result instanceof Promise ? result.then(done, failed) : done(result);
    } catch (err) {
      return failed(err);
    }
  }
}
