import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileChange } from '../../protocol/verification';
import { compareSnapshots, snapshotWorkspace, type SnapshotFile, type WorkspaceSnapshot } from './workspace-snapshot';

/**
 * A unified diff of a workspace since a snapshot, with git-style headers.
 *
 * The hunks come from `git diff --no-index` run on the two texts written to temp files:
 * git's diff is the one users read every day (same hunks, same "\ No newline at end of
 * file"), git is already a dependency of worktrees, and a diff view is opened by a person,
 * not on a hot path. The headers are ours, so paths are the workspace's and never the
 * temp files' (and no quoting or mode noise from temp files leaks in).
 */
export const DEFAULT_DIFF_MAX_BYTES = 512 * 1024;
/** One file's diff is at most about twice the largest text a snapshot keeps. */
const GIT_MAX_BUFFER_BYTES = 8 * 1024 * 1024;
/** A git that hangs (a broken config hook, a full disk) must not hang the diff view. */
const GIT_TIMEOUT_MS = 20_000;

export interface UnifiedDiff {
  diff: string;
  truncated: boolean;
}

export async function unifiedDiff(before: WorkspaceSnapshot, dir: string, maxBytes = DEFAULT_DIFF_MAX_BYTES): Promise<UnifiedDiff> {
  const after = await snapshotWorkspace(dir);
  return diffSnapshots(before, after, compareSnapshots(before, after), maxBytes);
}

/** The diff of `changes` between two snapshots (when the caller already took `after`). */
export async function diffSnapshots(
  before: WorkspaceSnapshot,
  after: WorkspaceSnapshot,
  changes: readonly FileChange[],
  maxBytes = DEFAULT_DIFF_MAX_BYTES,
): Promise<UnifiedDiff> {
  if (changes.length === 0) return { diff: '', truncated: false };
  const tmp = await mkdtemp(join(tmpdir(), 'axiom-diff-'));
  try {
    let out = '';
    for (const change of changes) {
      const section = await fileDiff(tmp, change, before.files.get(change.path), after.files.get(change.path));
      if (Buffer.byteLength(out) + Buffer.byteLength(section) > maxBytes) {
        return { diff: out + cutToLines(section, maxBytes - Buffer.byteLength(out)), truncated: true };
      }
      out += section;
    }
    return { diff: out, truncated: false };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function fileDiff(tmp: string, change: FileChange, old: SnapshotFile | undefined, now: SnapshotFile | undefined): Promise<string> {
  const p = change.path;
  const head = [`diff --git a/${p} b/${p}`];
  if (change.change === 'added') head.push('new file mode 100644');
  if (change.change === 'deleted') head.push('deleted file mode 100644');
  const from = change.change === 'added' ? '/dev/null' : `a/${p}`;
  const to = change.change === 'deleted' ? '/dev/null' : `b/${p}`;
  if (old?.binary === true || now?.binary === true) {
    return `${head.join('\n')}\nBinary files ${from} and ${to} differ\n`;
  }
  const oldText = change.change === 'added' ? '' : (old?.text ?? null);
  const newText = change.change === 'deleted' ? '' : (now?.text ?? null);
  if (oldText === null || newText === null) {
    // Larger than the snapshot keeps: the hashes say it changed, the text is not at hand.
    return `${head.join('\n')}\n--- ${from}\n+++ ${to}\n# not diffed: larger than the snapshot's text limit\n`;
  }
  const a = change.change === 'added' ? '/dev/null' : join(tmp, 'a');
  const b = change.change === 'deleted' ? '/dev/null' : join(tmp, 'b');
  if (a !== '/dev/null') await writeFile(a, oldText);
  if (b !== '/dev/null') await writeFile(b, newText);
  const raw = await gitDiff(tmp, a, b);
  const hunks = raw.indexOf('\n@@');
  if (hunks < 0) return '';
  return `${head.join('\n')}\n--- ${from}\n+++ ${to}${raw.slice(hunks)}`;
}

function gitDiff(cwd: string, a: string, b: string): Promise<string> {
  const args = ['-c', 'core.autocrlf=false', 'diff', '--no-index', '--no-color', '--no-ext-diff', '--no-textconv', '-U3', '--', a, b];
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, maxBuffer: GIT_MAX_BUFFER_BYTES, timeout: GIT_TIMEOUT_MS, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        // Exit 1 means "the files differ": that is the answer, not a failure.
        if (error === null || (error.code === 1 && stderr === '')) resolve(stdout);
        else reject(new Error(`git diff failed: ${stderr.split('\n')[0] || error.message}`));
      },
    );
  });
}

/** At most `bytes` of `text`, ending on a whole line. */
function cutToLines(text: string, bytes: number): string {
  if (bytes <= 0) return '';
  const head = Buffer.from(text).subarray(0, bytes).toString('utf8');
  const lastNewline = head.lastIndexOf('\n');
  return lastNewline < 0 ? '' : head.slice(0, lastNewline + 1);
}
