// "Did you mean…?" for a mistyped key: the closest known key by edit distance, or one the typo is a prefix of.

/** Levenshtein distance (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[t.length]!;
}

/**
 * The known key `typo` most likely meant: one it starts (`resolution` → `resolutionPx`) or one within a third of its
 * length in edits (`raduisM` → `radiusM`), the closest first; undefined when nothing is close.
 */
export function nearestKey(typo: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const k of known) {
    if (k === typo) continue;
    const d = editDistance(typo, k);
    const prefix = k.toLowerCase().startsWith(typo.toLowerCase()) || typo.toLowerCase().startsWith(k.toLowerCase());
    const score = prefix ? Math.min(d, 1.5) : d;
    if (score <= Math.max(2, Math.floor(typo.length / 3)) && score < bestScore) {
      best = k;
      bestScore = score;
    }
  }
  return best;
}
