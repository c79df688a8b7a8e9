/** Levenshtein distance, with one row kept: names here are job names, a few hundred of them at most. */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      next.push(Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

/**
 * The name closest to a mistyped one, for "no such job: did you mean …?". Case is ignored; a
 * suggestion further than a third of the name's length (at least 2 edits allowed) is no help.
 */
export function closestName(typed: string, names: readonly string[]): string | null {
  const wanted = typed.trim().toLowerCase();
  if (wanted === '') return null;
  const allowed = Math.max(2, Math.floor(wanted.length / 3));
  let best: { name: string; distance: number } | null = null;
  for (const name of names) {
    const distance = editDistance(wanted, name.toLowerCase());
    if (distance <= allowed && (best === null || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}
