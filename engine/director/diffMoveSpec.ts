// What a human changed on a move: the audit log records each field's before and after.
import type { MoveSpec } from '../protocol/MoveSpec.ts';

export function diffMoveSpec(a: MoveSpec, b: MoveSpec): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof MoveSpec>) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out[key] = { from: a[key] ?? null, to: b[key] ?? null };
  }
  return out;
}
