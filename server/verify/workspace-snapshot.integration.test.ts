import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareWorkspace } from '../tasks/workspace';
import type { TaskId } from '../../protocol/task';
import { diffSnapshots, type UnifiedDiff } from './workspace-diff';
import { compareSnapshots, compareWalkOrder, snapshotWorkspace, type WorkspaceSnapshot } from './workspace-snapshot';

/** The diff of a folder now against `before`, as VerificationService.diff takes it. */
async function unifiedDiff(before: WorkspaceSnapshot, dir: string, maxBytes?: number): Promise<UnifiedDiff> {
  const after = await snapshotWorkspace(dir);
  return diffSnapshots(before, after, compareSnapshots(before, after), maxBytes);
}

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'axiom-snap-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(rel: string, content: string | Buffer): Promise<void> {
  await mkdir(join(dir, rel, '..'), { recursive: true });
  await writeFile(join(dir, rel), content);
}

describe('workspace snapshots on real files', () => {
  it('lists added, modified and deleted files with line counts, and skips .git, node_modules and symlinks', async () => {
    await put('src/keep.ts', 'const a = 1;\n');
    await put('src/edit.ts', 'one\ntwo\nthree\n');
    await put('old.md', 'gone\nsoon\n');
    await put('img.bin', Buffer.from([1, 0, 2, 3]));
    await put('node_modules/x/index.js', 'x\n');
    await put('.git/HEAD', 'ref\n');
    const before = await snapshotWorkspace(dir);
    expect([...before.files.keys()]).toEqual(['img.bin', 'old.md', 'src/edit.ts', 'src/keep.ts']);
    expect(before.files.get('img.bin')).toMatchObject({ binary: true, text: null, size: 4 });

    await put('src/edit.ts', 'one\nTWO\nthree\nfour\n');
    await unlink(join(dir, 'old.md'));
    await put('src/new.ts', 'export {};\n');
    await put('img.bin', Buffer.from([1, 0, 2, 4]));
    await put('node_modules/x/index.js', 'changed\n');
    await symlink(join(dir, 'src/keep.ts'), join(dir, 'link.ts'));
    const after = await snapshotWorkspace(dir);
    expect(compareSnapshots(before, after)).toEqual([
      { path: 'img.bin', change: 'modified', additions: 0, deletions: 0 },
      { path: 'old.md', change: 'deleted', additions: 0, deletions: 2 },
      { path: 'src/edit.ts', change: 'modified', additions: 2, deletions: 1 },
      { path: 'src/new.ts', change: 'added', additions: 1, deletions: 0 },
    ]);

    const { diff, truncated } = await unifiedDiff(before, dir);
    expect(truncated).toBe(false);
    expect(diff).toBe(
      [
        'diff --git a/img.bin b/img.bin',
        'Binary files a/img.bin and b/img.bin differ',
        'diff --git a/old.md b/old.md',
        'deleted file mode 100644',
        '--- a/old.md',
        '+++ /dev/null',
        '@@ -1,2 +0,0 @@',
        '-gone',
        '-soon',
        'diff --git a/src/edit.ts b/src/edit.ts',
        '--- a/src/edit.ts',
        '+++ b/src/edit.ts',
        '@@ -1,3 +1,4 @@',
        ' one',
        '-two',
        '+TWO',
        ' three',
        '+four',
        'diff --git a/src/new.ts b/src/new.ts',
        'new file mode 100644',
        '--- /dev/null',
        '+++ b/src/new.ts',
        '@@ -0,0 +1 @@',
        '+export {};',
        '',
      ].join('\n'),
    );
    // What we print, git can apply: the diff is a real patch of the old tree.
    const copy = await mkdtemp(join(tmpdir(), 'axiom-snap-apply-'));
    try {
      for (const [p, f] of before.files) {
        if (f.text === null) continue;
        await mkdir(join(copy, p, '..'), { recursive: true });
        await writeFile(join(copy, p), f.text);
      }
      const textOnly = diff.split(/(?=^diff --git )/m).filter((s) => !s.includes('Binary files')).join('');
      execFileSync('git', ['apply', '--unsafe-paths', '-'], { cwd: copy, input: textOnly });
      const applied = await snapshotWorkspace(copy);
      expect(applied.files.get('src/edit.ts')?.sha1).toBe(after.files.get('src/edit.ts')?.sha1);
      expect(applied.files.has('old.md')).toBe(false);
      expect(applied.files.has('src/new.ts')).toBe(true);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('truncates a diff past maxBytes on a line boundary', async () => {
    const before = await snapshotWorkspace(dir);
    await put('big.txt', Array.from({ length: 2000 }, (_, i) => `line ${i}`).join('\n') + '\n');
    const { diff, truncated } = await unifiedDiff(before, dir, 4096);
    expect(truncated).toBe(true);
    expect(Buffer.byteLength(diff)).toBeLessThanOrEqual(4096);
    expect(diff.endsWith('\n')).toBe(true);
    expect(diff.startsWith('diff --git a/big.txt b/big.txt\nnew file mode 100644\n')).toBe(true);
  });

  it('keeps texts within the limits and reports nothing past a maxFiles cut it cannot see', async () => {
    for (let i = 0; i < 10; i++) await put(`f${i}.txt`, `file ${i}\n`);
    await put('large.txt', 'x'.repeat(100) + '\n');
    const limited = await snapshotWorkspace(dir, { maxTextBytes: 50, maxTotalTextBytes: 21 });
    expect(limited.files.get('large.txt')).toMatchObject({ text: null, binary: false, size: 101 });
    // 7 bytes each: the budget of 21 keeps the first three in walk order.
    expect([...limited.files.values()].filter((f) => f.text !== null)).toHaveLength(3);

    const before = await snapshotWorkspace(dir, { maxFiles: 5 });
    expect(before.limitPath).toBe('f4.txt');
    await put('a-first.txt', 'new\n');
    await put('zz-last.txt', 'new\n');
    const after = await snapshotWorkspace(dir, { maxFiles: 5 });
    // a-first.txt is inside both walks: added. zz-last.txt, and f4.txt that fell out of the
    // second walk, are past a limit: not reported.
    expect(compareSnapshots(before, after)).toEqual([{ path: 'a-first.txt', change: 'added', additions: 1, deletions: 0 }]);
    // The folder "a" sorts before "a.txt", so its files come first, although as strings
    // "a.txt" < "a/x".
    expect(compareWalkOrder('a/x', 'a.txt')).toBeLessThan(0);
    expect(compareWalkOrder('a.txt', 'a/x')).toBeGreaterThan(0);
  });

  it('records an unreadable file instead of calling it deleted', async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    await put('secret.txt', 'x\n');
    await chmod(join(dir, 'secret.txt'), 0);
    const s = await snapshotWorkspace(dir);
    expect(s.files.get('secret.txt')).toMatchObject({ sha1: 'unreadable' });
  });

  it('snapshots 5000 files quickly', async () => {
    for (let d = 0; d < 50; d++) {
      await mkdir(join(dir, `d${d}`));
      await Promise.all(Array.from({ length: 100 }, (_, i) => writeFile(join(dir, `d${d}`, `f${i}.ts`), `export const v${i} = ${i};\n`.repeat(20))));
    }
    const t0 = performance.now();
    const before = await snapshotWorkspace(dir);
    const snapMs = performance.now() - t0;
    expect(before.files.size).toBe(5000);
    expect(before.limitPath).toBe('d9/f99.ts');
    await writeFile(join(dir, 'd7', 'f1.ts'), 'changed\n');
    const t1 = performance.now();
    const changes = compareSnapshots(before, await snapshotWorkspace(dir));
    const againMs = performance.now() - t1;
    expect(changes.map((c) => c.path)).toEqual(['d7/f1.ts']);
    console.log(`snapshot of 5000 files: ${snapMs.toFixed(0)} ms; second snapshot + compare: ${againMs.toFixed(0)} ms`);
    expect(snapMs).toBeLessThan(5000);
  });
});

describe('a git worktree workspace', () => {
  it('sees uncommitted and committed work alike, and ignores the worktree .git file', async () => {
    const repo = join(dir, 'repo');
    await mkdir(repo);
    const git = (cwd: string, ...args: string[]): string =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8' });
    git(repo, 'init', '-q', '-b', 'main');
    await writeFile(join(repo, 'a.txt'), 'alpha\n');
    await writeFile(join(repo, 'b.txt'), 'beta\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'init');
    const ws = await prepareWorkspace({ taskId: 't-abcdef12' as TaskId, mode: 'auto', cwd: repo, dataDir: join(dir, 'data') });
    expect(ws.kind).toBe('worktree');
    const before = await snapshotWorkspace(ws.path);
    expect([...before.files.keys()]).toEqual(['a.txt', 'b.txt']);
    await writeFile(join(ws.path, 'a.txt'), 'alpha\nmore\n');
    await writeFile(join(ws.path, 'c.txt'), 'gamma\n');
    git(ws.path, 'add', 'c.txt');
    git(ws.path, 'commit', '-q', '-m', 'agent commits c');
    const changes = compareSnapshots(before, await snapshotWorkspace(ws.path));
    expect(changes).toEqual([
      { path: 'a.txt', change: 'modified', additions: 1, deletions: 0 },
      { path: 'c.txt', change: 'added', additions: 1, deletions: 0 },
    ]);
    const { diff } = await unifiedDiff(before, ws.path);
    expect(diff).toContain('diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1,2 @@\n alpha\n+more\n');
    expect(diff).toContain('+++ b/c.txt\n@@ -0,0 +1 @@\n+gamma\n');
    git(repo, 'worktree', 'remove', '--force', ws.path);
  });
});
