/**
 * Counting added and deleted lines between two texts, as `git diff --numstat` would.
 *
 * Why our own: the counts are needed for every changed file of every verification, and a
 * git process per file costs milliseconds each; this is a few microseconds for a typical
 * edit. The algorithm is Myers' O((N+M)·D) greedy search for the length of the shortest
 * edit script, after trimming the common prefix and suffix (which makes the usual small
 * edit in a large file cheap). A work budget bounds the worst case (two unrelated 10k-line
 * files): past it, the counts fall back to a multiset difference of the lines, which is
 * exact for pure additions or deletions and never over-counts (`exact: false` says so).
 */

/** Cells of the Myers search (one per diagonal per step) before falling back: about 35 ms
 * on one core (20M took 340 ms), and still exact up to ~2000 changed lines per file, so a
 * pathological pair of files never stalls a verification. */
const DEFAULT_MAX_DIFF_WORK = 2_000_000;

export interface LineCounts {
  additions: number;
  deletions: number;
  /** False when the work budget ran out and the counts are a multiset estimate. */
  exact: boolean;
}

/** Lines as git counts them: a final line without a newline is still a line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function countLineChanges(before: string, after: string, maxWork = DEFAULT_MAX_DIFF_WORK): LineCounts {
  if (before === after) return { additions: 0, deletions: 0, exact: true };
  const a = diffLines(before);
  const b = diffLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return { additions: m, deletions: n, exact: true };
  const ids = internLines(a.slice(start, endA), b.slice(start, endB));
  const d = editDistance(ids.a, ids.b, maxWork);
  if (d === null) return { ...multisetCounts(ids.a, ids.b), exact: false };
  // d = additions + deletions and m - n = additions - deletions.
  return { additions: (d + m - n) / 2, deletions: (d - m + n) / 2, exact: true };
}

/** Like splitLines, but a last line without its newline is marked (with a NUL, which a
 * text file never holds): git counts "x" → "x\n" as one line deleted and one added. */
function diffLines(text: string): string[] {
  const lines = splitLines(text);
  if (lines.length > 0 && !text.endsWith('\n')) lines[lines.length - 1] += '\0';
  return lines;
}

function internLines(a: string[], b: string[]): { a: Int32Array; b: Int32Array } {
  const table = new Map<string, number>();
  const intern = (lines: string[]): Int32Array => {
    const out = new Int32Array(lines.length);
    lines.forEach((line, i) => {
      let id = table.get(line);
      if (id === undefined) {
        id = table.size;
        table.set(line, id);
      }
      out[i] = id;
    });
    return out;
  };
  return { a: intern(a), b: intern(b) };
}

/** Myers' greedy forward search: the length of the shortest edit script, or null when it
 * would take more than `maxWork` cells to find. */
function editDistance(a: Int32Array, b: Int32Array, maxWork: number): number | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  let work = 0;
  for (let d = 0; d <= max; d++) {
    work += d + 1;
    if (work > maxWork) return null;
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return d;
    }
  }
  return max;
}

/** Lines of `b` not matched by an equal line of `a` (and the reverse): a lower bound of
 * the true counts that ignores order. */
function multisetCounts(a: Int32Array, b: Int32Array): { additions: number; deletions: number } {
  const counts = new Map<number, number>();
  for (const id of a) counts.set(id, (counts.get(id) ?? 0) + 1);
  let additions = 0;
  for (const id of b) {
    const c = counts.get(id) ?? 0;
    if (c > 0) counts.set(id, c - 1);
    else additions += 1;
  }
  let deletions = 0;
  for (const c of counts.values()) deletions += c;
  return { additions, deletions };
}
