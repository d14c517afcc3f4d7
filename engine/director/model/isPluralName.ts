// Whether a point-of-interest name reads as plural in English ("Guest chairs", "Steps"), so a sentence can agree with it.

/** Last words ending like this are singular despite the final "s": "Glass", "Bus", "Axis". */
const SINGULAR_ENDINGS = ['ss', 'us', 'is'];

/**
 * A heuristic, not a dictionary: the name is plural when its last word ends in "s" but not in
 * "ss", "us" or "is" ("Guest chairs", "Steps", "Arches" plural; "Glass", "Bus", "Terrace", "Host desk" singular).
 * Words of one or two letters never count ("Camera B", "Ana's", "As").
 */
export function isPluralName(name: string): boolean {
  const word = (name.match(/\p{L}+/gu) ?? []).at(-1)?.toLowerCase() ?? '';
  if (word.length < 3 || !word.endsWith('s')) return false;
  return !SINGULAR_ENDINGS.some((ending) => word.endsWith(ending));
}
