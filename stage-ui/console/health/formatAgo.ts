// How long ago, in the words a tracking card uses.
/** "3 s ago", "2 min ago". */
export function formatAgo(ageMs: number): string {
  const s = Math.max(0, ageMs) / 1000;
  return s < 60 ? `${s.toFixed(0)} s ago` : s < 3600 ? `${(s / 60).toFixed(0)} min ago` : `${(s / 3600).toFixed(1)} h ago`;
}
