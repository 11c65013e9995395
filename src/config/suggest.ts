/**
 * "Did you mean …?" for a misspelt name (a configuration key, a rule id, a
 * command): the known names close to it, the closest first. Close means a
 * small edit distance for its length, or one name containing the other.
 */
export function closest(word: string, known: readonly string[], max = 3): string[] {
  const scored = known
    .map((name) => ({ name, distance: editDistance(word.toLowerCase(), name.toLowerCase()) }))
    .filter(({ name, distance }) => distance <= Math.max(2, Math.floor(Math.max(word.length, name.length) / 3)) || containsPart(word, name));
  scored.sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, max).map((s) => s.name);
}

/** "; did you mean 'a' or 'b'?", or "" when nothing is close. */
export function didYouMean(word: string, known: readonly string[], show: (name: string) => string = (n) => n): string {
  const near = closest(word, known).map((n) => `'${show(n)}'`);
  if (near.length === 0) return "";
  return `; did you mean ${near.length === 1 ? near[0] : `${near.slice(0, -1).join(", ")} or ${near[near.length - 1]}`}?`;
}

function containsPart(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return Math.min(x.length, y.length) >= 4 && (x.includes(y) || y.includes(x));
}

/** Levenshtein distance with transpositions counted as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let before = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const current = new Array<number>(n + 1).fill(0);
    current[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j]!, before[j - 2]! + 1);
    }
    before = previous;
    previous = current;
  }
  return previous[n]!;
}
