import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileChange } from '../../protocol/verification';
import type { SnapshotFile, WorkspaceSnapshot } from './workspace-snapshot';

/**
 * A unified diff of a workspace since a snapshot, with git-style headers.
 *
 * The hunks come from `git diff --no-index`, run on the kept texts written to two temp
 * folders: git's diff is the one users read every day (same hunks, same "\ No newline at
 * end of file"), git is already a dependency of worktrees, and the diff view is opened by
 * a person, not on a hot path. One git run per batch of files (a spawn costs 5–17 ms, so
 * one per file made 100 files take 1.7 s). The headers are ours, so paths are the
 * workspace's, never the temp files', and no quoting or mode noise leaks in.
 */
const DEFAULT_DIFF_MAX_BYTES = 512 * 1024;
/** Files per git run: few runs, and an early stop once maxBytes is reached. */
const BATCH_FILES = 64;
/** A batch's output is at most its texts (each ≤ 256 KiB) with a little per line. */
const GIT_MAX_BUFFER_BYTES = 64 * 1024 * 1024;
/** A git that hangs (a broken config, a full disk) must not hang the diff view. */
const GIT_TIMEOUT_MS = 20_000;

export interface UnifiedDiff {
  diff: string;
  truncated: boolean;
}

/** The diff of `changes` between two snapshots. */
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
    let outBytes = 0;
    for (let start = 0; start < changes.length; start += BATCH_FILES) {
      const batch = changes.slice(start, start + BATCH_FILES);
      const sections = await diffBatch(join(tmp, String(start)), batch, before, after);
      for (const section of sections) {
        const bytes = Buffer.byteLength(section);
        if (outBytes + bytes > maxBytes) return { diff: out + cutToLines(section, maxBytes - outBytes), truncated: true };
        out += section;
        outBytes += bytes;
      }
    }
    return { diff: out, truncated: false };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** One section per change, in order. The texts go to `<dir>/a/<i>` and `<dir>/b/<i>`. */
async function diffBatch(dir: string, batch: readonly FileChange[], before: WorkspaceSnapshot, after: WorkspaceSnapshot): Promise<string[]> {
  await mkdir(join(dir, 'a'), { recursive: true });
  await mkdir(join(dir, 'b'), { recursive: true });
  const sections: Array<string | null> = [];
  const pending: number[] = [];
  for (const [i, change] of batch.entries()) {
    const plan = planFile(change, before.files.get(change.path), after.files.get(change.path));
    if (typeof plan === 'string') {
      sections.push(plan);
      continue;
    }
    sections.push(null);
    pending.push(i);
    if (plan.old !== null) await writeFile(join(dir, 'a', String(i)), plan.old);
    if (plan.now !== null) await writeFile(join(dir, 'b', String(i)), plan.now);
  }
  if (pending.length > 0) {
    const raw = await gitDiff(dir);
    // Each git section starts "diff --git a/<a|b>/<i> b/<a|b>/<i>": the index says whose.
    for (const part of raw.split(/^(?=diff --git )/m)) {
      const m = /^diff --git a\/[ab]\/(\d+) /.exec(part);
      const hunks = part.indexOf('\n@@');
      if (m === null || hunks < 0) continue;
      const i = Number(m[1]);
      const change = batch[i];
      if (change !== undefined) sections[i] = header(change).join('\n') + part.slice(hunks);
    }
  }
  return sections.filter((s): s is string => s !== null);
}

/** The texts to hand to git, or the whole section when git is not needed. */
function planFile(change: FileChange, old: SnapshotFile | undefined, now: SnapshotFile | undefined): { old: string | null; now: string | null } | string {
  const head = header(change);
  if (old?.binary === true || now?.binary === true) {
    return `${head.slice(0, -2).join('\n')}\nBinary files ${fromPath(change)} and ${toPath(change)} differ\n`;
  }
  const oldText = change.change === 'added' ? null : (old?.text ?? undefined);
  const newText = change.change === 'deleted' ? null : (now?.text ?? undefined);
  if (oldText === undefined || newText === undefined) {
    // Larger than the snapshot keeps: the hashes say it changed, the text is not at hand.
    return `${head.join('\n')}\n# not diffed: larger than the snapshot's text limit\n`;
  }
  return { old: oldText, now: newText };
}

function header(change: FileChange): string[] {
  const p = change.path;
  const head = [`diff --git a/${p} b/${p}`];
  if (change.change === 'added') head.push('new file mode 100644');
  if (change.change === 'deleted') head.push('deleted file mode 100644');
  head.push(`--- ${fromPath(change)}`, `+++ ${toPath(change)}`);
  return head;
}

const fromPath = (c: FileChange): string => (c.change === 'added' ? '/dev/null' : `a/${c.path}`);
const toPath = (c: FileChange): string => (c.change === 'deleted' ? '/dev/null' : `b/${c.path}`);

function gitDiff(cwd: string): Promise<string> {
  const args = ['-c', 'core.autocrlf=false', 'diff', '--no-index', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', '-U3', '--', 'a', 'b'];
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
