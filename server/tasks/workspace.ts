import { execFile } from 'node:child_process';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { TaskId, TaskWorkspace } from '../../protocol/task';

/**
 * Each task's own workspace, so parallel agents never edit the same checkout:
 * - cwd inside a git repository → a worktree of it on a new branch `axiom/<task id>`,
 *   under the console's data folder;
 * - any other cwd, or none → a fresh, empty sandbox folder;
 * - "in-place" → the folder as is, when the user chose it.
 */
const run = promisify(execFile);

export interface WorkspaceRequest {
  taskId: TaskId;
  mode: 'auto' | 'in-place';
  cwd: string | null;
  /** The console's data folder; worktrees and sandboxes live under it. */
  dataDir: string;
}

export async function prepareWorkspace(req: WorkspaceRequest): Promise<TaskWorkspace> {
  if (req.cwd !== null) {
    const info = await stat(req.cwd).catch(() => null);
    if (info === null || !info.isDirectory()) throw new WorkspaceError(`not a folder: ${req.cwd}`);
  }
  if (req.mode === 'in-place' && req.cwd !== null) {
    // Inside a repository the source is its root, as for a worktree: the conflict radar then
    // compares this task's files with worktree tasks of the same repository.
    return { kind: 'in-place', path: req.cwd, source: (await gitRoot(req.cwd)) ?? req.cwd, branch: null };
  }
  const root = req.cwd === null ? null : await gitRoot(req.cwd);
  if (root !== null && req.cwd !== null) {
    const branch = `axiom/${req.taskId}`;
    const path = join(req.dataDir, 'worktrees', req.taskId);
    await mkdir(join(req.dataDir, 'worktrees'), { recursive: true });
    await oneAtATime(root, () => addWorktree(root, branch, path));
    // Keep the user's place inside the repository: a cwd in a subfolder maps to the same
    // subfolder of the worktree.
    const sub = relative(root, req.cwd);
    return { kind: 'worktree', path: sub === '' ? path : join(path, sub), source: root, branch };
  }
  const path = join(req.dataDir, 'sandboxes', req.taskId);
  await mkdir(path, { recursive: true, mode: 0o700 });
  return { kind: 'sandbox', path, source: req.cwd ?? path, branch: null };
}

/** The files under a workspace (relative, no .git), for a child's inherited context. */
export async function listFiles(dir: string, limit = 200): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    if (out.length >= limit) return;
    const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (out.length >= limit) return;
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const full = join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else out.push(relative(dir, full));
    }
  };
  await walk(dir);
  return out.sort();
}

/**
 * Two `git worktree add` on one repository at the same moment can fail: each reads every
 * worktree's metadata, including the one the other is half-way through writing ("failed to
 * read .git/worktrees/<id>/commondir"). Tasks started together in one repository are the
 * normal case, so the console adds its worktrees one at a time per repository, and retries
 * once for a git run by someone else at the same moment.
 */
async function addWorktree(root: string, branch: string, path: string): Promise<void> {
  try {
    await run('git', ['-C', root, 'worktree', 'add', '-b', branch, path, 'HEAD'], { timeout: 30_000 });
    return;
  } catch (first) {
    if (!/failed to read .*worktrees|unable to create .*\.lock|cannot lock ref/i.test(firstLine(first))) {
      throw new WorkspaceError(`git worktree add failed: ${firstLine(first)}`);
    }
  }
  await new Promise((r) => setTimeout(r, 200));
  // The failed add may have created the task's branch before it failed: check it out then.
  const made = await run('git', ['-C', root, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], { timeout: 10_000 }).then(
    () => true,
    () => false,
  );
  const args = made ? ['worktree', 'add', path, branch] : ['worktree', 'add', '-b', branch, path, 'HEAD'];
  await run('git', ['-C', root, ...args], { timeout: 30_000 }).catch((error: unknown) => {
    throw new WorkspaceError(`git worktree add failed: ${firstLine(error)}`);
  });
}

const worktreeLocks = new Map<string, Promise<unknown>>();

/** Runs `job` after every earlier job for the same key, in this process. */
async function oneAtATime<T>(key: string, job: () => Promise<T>): Promise<T> {
  const before = worktreeLocks.get(key) ?? Promise.resolve();
  const mine = before.then(job, job);
  const tail = mine.catch(() => undefined);
  worktreeLocks.set(key, tail);
  try {
    return await mine;
  } finally {
    if (worktreeLocks.get(key) === tail) worktreeLocks.delete(key);
  }
}

async function gitRoot(cwd: string): Promise<string | null> {
  try {
    const { stdout } = await run('git', ['-C', cwd, 'rev-parse', '--show-toplevel'], { timeout: 10_000 });
    const root = stdout.trim();
    if (root === '') return null;
    // A repository with no commit has no HEAD to branch from: treat it as a plain folder.
    await run('git', ['-C', root, 'rev-parse', '--verify', 'HEAD'], { timeout: 10_000 });
    return root;
  } catch {
    return null;
  }
}

export class WorkspaceError extends Error {}

function firstLine(error: unknown): string {
  const e = error as { stderr?: unknown; message?: unknown };
  const text = typeof e.stderr === 'string' && e.stderr !== '' ? e.stderr : String(e.message ?? error);
  return text.split('\n')[0] ?? text;
}
