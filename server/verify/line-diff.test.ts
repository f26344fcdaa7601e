import { describe, expect, it } from 'vitest';
import { countLineChanges, splitLines } from './line-diff';

/** Reference: LCS by dynamic programming (slow, obviously right). */
function lcsCounts(a: string[], b: string[]): { additions: number; deletions: number } {
  const dp: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = dp[i] as number[];
      row[j] = a[i] === b[j] ? ((dp[i + 1] as number[])[j + 1] as number) + 1 : Math.max((dp[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  const l = (dp[0] as number[])[0] as number;
  return { additions: b.length - l, deletions: a.length - l };
}

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('line diff counts', () => {
  it('splits lines as git counts them', () => {
    expect(splitLines('')).toEqual([]);
    expect(splitLines('a')).toEqual(['a']);
    expect(splitLines('a\n')).toEqual(['a']);
    expect(splitLines('a\n\nb')).toEqual(['a', '', 'b']);
  });

  it('counts additions, deletions and modifications like git numstat', () => {
    expect(countLineChanges('a\nb\nc\n', 'a\nb\nc\n')).toEqual({ additions: 0, deletions: 0, exact: true });
    expect(countLineChanges('a\nb\nc\n', 'a\nb\nX\nc\n')).toEqual({ additions: 1, deletions: 0, exact: true });
    expect(countLineChanges('a\nb\nc\n', 'a\nc\n')).toEqual({ additions: 0, deletions: 1, exact: true });
    expect(countLineChanges('a\nb\nc\n', 'a\nB\nc\n')).toEqual({ additions: 1, deletions: 1, exact: true });
    expect(countLineChanges('', 'x\ny\n')).toEqual({ additions: 2, deletions: 0, exact: true });
    expect(countLineChanges('x\ny\n', '')).toEqual({ additions: 0, deletions: 2, exact: true });
  });

  it('counts a missing final newline as a change of the last line (git does)', () => {
    expect(countLineChanges('a\nb', 'a\nb\n')).toEqual({ additions: 1, deletions: 1, exact: true });
    expect(countLineChanges('a\nb\n', 'a\nb\nc')).toEqual({ additions: 1, deletions: 0, exact: true });
  });

  it('matches an LCS reference on random edits', () => {
    const rand = rng(42);
    for (let round = 0; round < 300; round++) {
      const alphabet = 2 + Math.floor(rand() * 5);
      const mk = (): string[] => Array.from({ length: Math.floor(rand() * 30) }, () => `l${Math.floor(rand() * alphabet)}`);
      const a = mk();
      const b = mk();
      const got = countLineChanges(a.map((l) => `${l}\n`).join(''), b.map((l) => `${l}\n`).join(''));
      expect({ additions: got.additions, deletions: got.deletions }).toEqual(lcsCounts(a, b));
      expect(got.exact).toBe(true);
    }
  });

  it('is fast on 10k-line files, and bounded on unrelated ones', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => `line ${i}`);
    const edited = [...big];
    for (let i = 0; i < 10_000; i += 500) edited[i] = `changed ${i}`;
    let t = performance.now();
    expect(countLineChanges(big.join('\n'), edited.join('\n'))).toEqual({ additions: 20, deletions: 20, exact: true });
    expect(performance.now() - t).toBeLessThan(200);
    const other = Array.from({ length: 10_000 }, (_, i) => `other ${i}`);
    t = performance.now();
    const r = countLineChanges(big.join('\n'), other.join('\n'));
    expect(performance.now() - t).toBeLessThan(1000);
    expect(r).toEqual({ additions: 10_000, deletions: 10_000, exact: false });
  });

  it('falls back to a multiset lower bound past the work budget', () => {
    const r = countLineChanges('a\nb\nc\nd\n', 'd\nc\nb\na\n', 3);
    expect(r.exact).toBe(false);
    // Order is ignored: the lines are all still there.
    expect(r).toMatchObject({ additions: 0, deletions: 0 });
    expect(countLineChanges('a\nb\nc\nd\n', 'd\nc\nb\na\n')).toEqual({ additions: 3, deletions: 3, exact: true });
  });
});
