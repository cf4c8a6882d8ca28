/** Edit distance (insert, delete, substitute), for "did you mean" lists. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_v, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The names closest to what was typed: the same text in another case, a prefix either way, or
 * within a third of its length in edits; nearest first, at most `max`.
 */
export function closeMatches(typed: string, names: string[], max = 3): string[] {
  const t = typed.toLowerCase();
  const limit = Math.max(2, Math.floor(t.length / 3));
  return names
    .map((n) => {
      const l = n.toLowerCase();
      const d = l === t ? 0 : l.startsWith(t) || t.startsWith(l) || l.includes(t) ? 1 : editDistance(l, t);
      return { n, d };
    })
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n))
    .slice(0, max)
    .map((x) => x.n);
}
