// sha256 of a canonical JSON rendering of a DirectorInput, so a suggestion can be traced to exactly what the model saw.
import { createHash } from 'node:crypto';
import type { DirectorInput } from '../DirectorInput.ts';

/** Hex sha256 of `canonicalJson(input)`. */
export function inputsHash(input: DirectorInput): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

/**
 * JSON with object keys sorted at every level, no whitespace, `undefined` members dropped and
 * -0 written as 0: two inputs that mean the same thing hash the same whatever their key order.
 * Non-finite numbers become null (as JSON.stringify does).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value === 0 ? 0 : value) : 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
