// Role tokens: who may do what. Parsed from VP_TOKENS or generated at start and printed as join URLs.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { ROLES, type RoleWire } from '../protocol/roles.ts';

export { ROLES };
export type Role = RoleWire;

export class RoleTokens {
  private readonly byRole: Map<Role, string>;

  private constructor(byRole: Map<Role, string>) {
    this.byRole = byRole;
  }

  /** `director=abc,operator=def`; roles left out get a generated token. Throws on unknown roles or weak tokens. */
  static parse(spec: string | undefined): RoleTokens {
    const byRole = new Map<Role, string>();
    for (const part of (spec ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
      const [role, token] = part.split('=', 2).map((s) => s?.trim());
      if (!role || !(ROLES as readonly string[]).includes(role)) throw new Error(`VP_TOKENS: unknown role "${role}" (roles: ${ROLES.join(', ')})`);
      if (!token || !/^[A-Za-z0-9_-]{8,128}$/.test(token)) throw new Error(`VP_TOKENS: token for ${role} must be 8-128 of [A-Za-z0-9_-]`);
      byRole.set(role as Role, token);
    }
    for (const role of ROLES) if (!byRole.has(role)) byRole.set(role, randomBytes(12).toString('base64url'));
    const tokens = [...byRole.values()];
    if (new Set(tokens).size !== tokens.length) throw new Error('VP_TOKENS: each role needs its own token');
    return new RoleTokens(byRole);
  }

  tokenFor(role: Role): string {
    return this.byRole.get(role)!;
  }

  /** A fresh token for `role`; the old one stops working at once (the caller closes what it had opened). */
  rotate(role: Role): string {
    const token = randomBytes(12).toString('base64url');
    this.byRole.set(role, token);
    return token;
  }

  /**
   * Constant-time lookup so a token can't be guessed byte by byte: digests of equal length are compared, every role
   * each time, so neither the content nor the length of a token shows in the timing.
   */
  roleOf(token: string | undefined | null): Role | undefined {
    if (!token) return undefined;
    const given = createHash('sha256').update(token).digest();
    let found: Role | undefined;
    for (const [role, t] of this.byRole) {
      if (timingSafeEqual(createHash('sha256').update(t).digest(), given)) found = role;
    }
    return found;
  }

  /**
   * Token from `Authorization: Bearer`, a `vantage-token.<token>` WebSocket subprotocol (browsers cannot set headers
   * on a WebSocket; this keeps the token out of the URL), or `?token=` (join links, tools).
   */
  roleOfRequest(req: IncomingMessage, url: URL): Role | undefined {
    return this.roleOf(tokenOfRequest(req, url));
  }
}

/** The subprotocol prefix that carries a token; the server answers with plain `vantage`, never echoing it. */
export const TOKEN_SUBPROTOCOL_PREFIX = 'vantage-token.';

/** Whichever token the request carries (header, subprotocol, query), or undefined. */
export function tokenOfRequest(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const protocols = req.headers['sec-websocket-protocol'];
  if (protocols) {
    for (const p of protocols.split(',')) {
      const name = p.trim();
      if (name.startsWith(TOKEN_SUBPROTOCOL_PREFIX)) return name.slice(TOKEN_SUBPROTOCOL_PREFIX.length);
    }
  }
  return url.searchParams.get('token') ?? undefined;
}
