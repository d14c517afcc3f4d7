// Writes scene JSON the way people author it: two-space indent, with short number arrays (positions, colours) on one line.

/** `JSON.stringify(value, null, 2)` with every array of plain numbers kept on one line, plus a final newline. */
export function formatSceneJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  // An array whose items are only numbers spans lines like "[\n  1,\n  2\n]": fold it to "[1, 2]".
  return `${text.replace(/\[\s*\n\s*(-?[\d.eE+-]+(?:,\s*\n\s*-?[\d.eE+-]+)*)\s*\n\s*\]/g, (_, items: string) => `[${items.split(/,\s*/).join(', ')}]`)}\n`;
}
