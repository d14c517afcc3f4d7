// Role tokens: who may do what. Parsed from VP_TOKENS or generated at start and printed as join URLs.
import { randomBytes, timingSafeEqual } from 'node:crypto';
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

  /** Constant-time lookup so a token can't be guessed byte by byte. */
  roleOf(token: string | undefined | null): Role | undefined {
    if (!token) return undefined;
    const given = Buffer.from(token);
    let found: Role | undefined;
    for (const [role, t] of this.byRole) {
      const expected = Buffer.from(t);
      if (expected.length === given.length && timingSafeEqual(expected, given)) found = role;
    }
    return found;
  }

  /** Token from `?token=` or `Authorization: Bearer`. */
  roleOfRequest(req: IncomingMessage, url: URL): Role | undefined {
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    return this.roleOf(url.searchParams.get('token') ?? bearer);
  }
}
