import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileChange } from '../../protocol/verification';
import { countLineChanges, splitLines } from './line-diff';

/**
 * What a workspace holds at one moment: every file's size and sha1, and the text of the
 * text files, so the changes since can be listed and diffed later without git (a sandbox
 * has none, and an agent may commit in a worktree, which would hide its work from
 * `git diff`).
 */
export interface SnapshotLimits {
  /** Files recorded, in walk order; the rest are not seen. */
  maxFiles: number;
  /** Text kept per file; a larger file is compared by hash only. */
  maxTextBytes: number;
  /** Text kept over the whole snapshot: bounds the memory a baseline pins per task. */
  maxTotalTextBytes: number;
}

const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = {
  // 5000 files: a large project without its dependencies; walking and hashing it takes
  // well under a second (see the README figures), so verification never stalls on it.
  maxFiles: 5000,
  // 256 KiB: any hand-written source file; generated bundles and data are hashed only.
  maxTextBytes: 256 * 1024,
  // 16 MiB: the most one task's baseline keeps in memory while the task runs.
  maxTotalTextBytes: 16 * 1024 * 1024,
};

/** Files read at once: enough to hide disk latency, few enough not to hit EMFILE. */
const READ_CONCURRENCY = 16;
/** Folders never walked: git's own data, and dependencies an install rewrites wholesale. */
const SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

export interface SnapshotFile {
  size: number;
  sha1: string;
  /** The content, for a text file within the limits; null for binary, too large or over
   * the total budget. */
  text: string | null;
  binary: boolean;
}

export interface WorkspaceSnapshot {
  root: string;
  /** Relative paths with '/' separators. */
  files: ReadonlyMap<string, SnapshotFile>;
  /** Set when maxFiles stopped the walk: the last path recorded. Paths after it (in walk
   * order, see compareWalkOrder) are unknown to this snapshot. */
  limitPath: string | null;
}

export async function snapshotWorkspace(dir: string, limits: Partial<SnapshotLimits> = {}): Promise<WorkspaceSnapshot> {
  const lim = { ...DEFAULT_SNAPSHOT_LIMITS, ...limits };
  const paths = await walk(dir, lim.maxFiles);
  const files = new Map<string, SnapshotFile>();
  let textBudget = lim.maxTotalTextBytes;
  const results: Array<SnapshotFile | null> = new Array<SnapshotFile | null>(paths.length).fill(null);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const i = next++;
      results[i] = await readFileEntry(join(dir, paths[i] as string), lim.maxTextBytes);
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
  // The text budget is spent in walk order so the same tree always keeps the same texts.
  paths.forEach((p, i) => {
    const f = results[i];
    if (f === null || f === undefined) return;
    if (f.text !== null) {
      const bytes = Buffer.byteLength(f.text);
      if (bytes > textBudget) f.text = null;
      else textBudget -= bytes;
    }
    files.set(p, f);
  });
  return { root: dir, files, limitPath: paths.length >= lim.maxFiles ? (paths.at(-1) ?? null) : null };
}

/** Depth first, names sorted at each level: the order compareWalkOrder defines. */
async function walk(root: string, maxFiles: number): Promise<string[]> {
  const out: string[] = [];
  const visit = async (rel: string): Promise<void> => {
    const entries = await readdir(rel === '' ? root : join(root, rel), { withFileTypes: true }).catch((e: unknown) => {
      // A folder removed or made unreadable while we walk holds nothing we can compare.
      if (isFsError(e, 'ENOENT') || isFsError(e, 'EACCES') || isFsError(e, 'ENOTDIR')) return [];
      throw e;
    });
    entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= maxFiles) return;
      const path = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) await visit(path);
      } else if (e.isFile() && e.name !== '.git') {
        // Symlinks are skipped (isFile is false for them): they may point outside the
        // workspace, or loop. A worktree's `.git` is a file and is skipped too.
        out.push(path);
      }
    }
  };
  await visit('');
  return out;
}

async function readFileEntry(path: string, maxTextBytes: number): Promise<SnapshotFile | null> {
  try {
    const info = await lstat(path);
    if (!info.isFile()) return null;
    if (info.size > maxTextBytes) {
      return { size: info.size, sha1: await hashStream(path), text: null, binary: await startsBinary(path) };
    }
    const handle = await open(path, 'r');
    let data: Buffer;
    try {
      data = await handle.readFile();
    } finally {
      await handle.close();
    }
    const binary = data.includes(0);
    const sha1 = createHash('sha1').update(data).digest('hex');
    return { size: data.byteLength, sha1, text: binary ? null : data.toString('utf8'), binary };
  } catch (e) {
    // Deleted between the walk and the read: it is simply not part of this snapshot.
    if (isFsError(e, 'ENOENT')) return null;
    // Unreadable: recorded, so it is not reported as deleted, with a hash that changes
    // only if it becomes readable.
    if (isFsError(e, 'EACCES')) return { size: 0, sha1: 'unreadable', text: null, binary: true };
    throw e;
  }
}

function hashStream(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha1');
    createReadStream(path)
      .on('data', (c) => hash.update(c))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Git's rule: a NUL in the first 8000 bytes makes a file binary. */
async function startsBinary(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8000), 0, 8000, 0);
    return buffer.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

function isFsError(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;
}

/** The walk's order: path segments compared one by one (depth first, sorted names). */
export function compareWalkOrder(a: string, b: string): number {
  const sa = a.split('/');
  const sb = b.split('/');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const x = sa[i] as string;
    const y = sb[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return sa.length - sb.length;
}

/**
 * The files added, modified and deleted from `before` to `after`, sorted by path.
 * Line counts come from the kept texts; a side without text (binary, too large) counts 0,
 * as git's numstat shows '-' for binary files. A path past either snapshot's limitPath
 * is not reported: one snapshot could not see it.
 */
export function compareSnapshots(before: WorkspaceSnapshot, after: WorkspaceSnapshot): FileChange[] {
  const seen = (s: WorkspaceSnapshot, p: string): boolean => s.limitPath === null || compareWalkOrder(p, s.limitPath) <= 0;
  const changes: FileChange[] = [];
  for (const [path, b] of before.files) {
    const a = after.files.get(path);
    if (a === undefined) {
      if (seen(after, path)) changes.push({ path, change: 'deleted', additions: 0, deletions: lineCount(b) });
    } else if (a.sha1 !== b.sha1 || a.size !== b.size) {
      const counts = b.text !== null && a.text !== null ? countLineChanges(b.text, a.text) : { additions: 0, deletions: 0 };
      changes.push({ path, change: 'modified', additions: counts.additions, deletions: counts.deletions });
    }
  }
  for (const [path, a] of after.files) {
    if (!before.files.has(path) && seen(before, path)) {
      changes.push({ path, change: 'added', additions: lineCount(a), deletions: 0 });
    }
  }
  return changes.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

function lineCount(f: SnapshotFile): number {
  return f.text === null ? 0 : splitLines(f.text).length;
}

export function diffStat(files: readonly FileChange[]): { files: number; additions: number; deletions: number } {
  let additions = 0;
  let deletions = 0;
  for (const f of files) {
    additions += f.additions;
    deletions += f.deletions;
  }
  return { files: files.length, additions, deletions };
}
