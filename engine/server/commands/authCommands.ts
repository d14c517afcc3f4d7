// `auth.rotate`: a director replaces a role's token live; every connection that used the old one is closed.
import type { IngestEndpoint } from '../../../camera-bridge/websocket/IngestEndpoint.ts';
import type { RoleTokens } from '../../auth/RoleTokens.ts';
import type { LiveServer } from '../../live/LiveServer.ts';
import type { CommandHandlers } from '../../live/CommandRegistry.ts';
import type { Logger } from '../../log/createLogger.ts';

export interface AuthCommandDeps {
  tokens: RoleTokens;
  live: LiveServer;
  ingest: IngestEndpoint;
  log: Logger;
}

export function authCommands({ tokens, live, ingest, log }: AuthCommandDeps): CommandHandlers<'auth.rotate'> {
  return {
    'auth.rotate': ({ role }, { actor }) => {
      const token = tokens.rotate(role);
      const reason = `the ${role} token was replaced: ask the operator for a new join link`;
      const openNow = live.clientList().filter((c) => c.role === role).length + ingest.connectionsOf(role);
      // After this tick's acks are out, so the director who rotated their own role still gets the new token.
      setImmediate(() => {
        live.closeRole(role, reason);
        ingest.closeRole(role, reason);
      });
      log.warn({ role, by: actor, closing: openNow }, 'role token rotated');
      return { role, token, closedConnections: openNow };
    },
  };
}
