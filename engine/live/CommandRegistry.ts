// Named /live commands with the roles allowed to run them and a zod schema for their args; refusals are acked and logged.
import type { z } from 'zod';
import type { Logger } from '../log/createLogger.ts';
import type { AckMessage, RoleWire } from '../protocol/LiveMessages.ts';
import type { LiveClient } from './LiveClient.ts';
import type { QueuedCommand } from './LiveServer.ts';

export interface CommandSpec<S extends z.ZodType> {
  roles: readonly RoleWire[];
  args: S;
  /** Runs at the tick; its return value (or what its promise resolves to) goes back as the ack's `result`. Throw to fail. */
  run(args: z.infer<S>, client: LiveClient): unknown;
}

export class CommandRegistry {
  private readonly specs = new Map<string, CommandSpec<z.ZodType>>();

  constructor(private readonly log: Logger) {}

  register<S extends z.ZodType>(name: string, spec: CommandSpec<S>): void {
    if (this.specs.has(name)) throw new Error(`command ${name} registered twice`);
    this.specs.set(name, spec as CommandSpec<z.ZodType>);
  }

  names(): string[] {
    return [...this.specs.keys()];
  }

  /** Commands a role may send (the UI shows only these). */
  allowedFor(role: RoleWire): string[] {
    return [...this.specs].filter(([, s]) => s.roles.includes(role)).map(([n]) => n);
  }

  /** Synchronous commands are acked at once; a command returning a promise (file I/O) is acked when it settles. */
  execute({ client, command }: QueuedCommand): AckMessage | Promise<AckMessage> {
    const base = { type: 'ack' as const, id: command.id };
    const spec = this.specs.get(command.name);
    if (!spec) return { ...base, ok: false, error: `VP_ERR_UNKNOWN_COMMAND: ${command.name}` };
    if (!spec.roles.includes(client.role)) {
      this.log.warn({ clientId: client.id, role: client.role, command: command.name }, 'command refused for role');
      return { ...base, ok: false, error: `VP_ERR_FORBIDDEN: role ${client.role} may not ${command.name}` };
    }
    const args = spec.args.safeParse(command.args ?? {});
    if (!args.success) {
      const issue = args.error.issues[0]!;
      return { ...base, ok: false, error: `VP_ERR_BAD_ARGS: ${issue.path.join('.') || 'args'}: ${issue.message}` };
    }
    const done = (result: unknown): AckMessage => {
      this.log.info({ clientId: client.id, role: client.role, command: command.name }, 'command');
      return result === undefined ? { ...base, ok: true } : { ...base, ok: true, result };
    };
    const failed = (err: unknown): AckMessage => ({ ...base, ok: false, error: (err as Error).message });
    try {
      const result = spec.run(args.data, client);
      return result instanceof Promise ? result.then(done, failed) : done(result);
    } catch (err) {
      return failed(err);
    }
  }
}
