/** Edit distance (insertions, deletions, substitutions) between two words: for "did you mean". */
export function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(
        d[i - 1]![j]! + 1,
        d[i]![j - 1]! + 1,
        d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return d[a.length]![b.length]!;
}

/**
 * The candidates close to `word`, closest first: the same word in another case, one that starts with
 * it (`--req` for `--requests`), or one within a third of its length in edits (at least 1, at most 3).
 */
export function closeMatches(word: string, candidates: string[], max = 3): string[] {
  const w = word.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
  return candidates
    .map((c) => {
      const l = c.toLowerCase();
      const score = l === w ? 0 : w.length > 3 && l.startsWith(w) ? 0.5 : distance(l, w);
      return { c, score };
    })
    .filter((x) => x.score <= limit)
    .sort((x, y) => x.score - y.score || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((x) => x.c);
}
