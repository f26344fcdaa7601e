/**
 * The conflict radar: running tasks that derive from the same source (one repository's
 * worktrees, or one folder) and changed the same file. Each works in its own workspace, so
 * nothing breaks now; it will when their branches are merged, which is why the console
 * warns while both still run and proposes to serialize them.
 */
export interface TaskEdits {
  taskId: string;
  /** The repository or folder the task's workspace derives from (TaskWorkspace.source). */
  source: string;
  /** Changed paths, relative to the source (a worktree on a subfolder adds its prefix). */
  paths: readonly string[];
}

export interface EditConflict {
  path: string;
  source: string;
  /** Sorted, at least two. */
  taskIds: string[];
}

/** Sorted by source, then path. */
export function findEditConflicts(tasks: readonly TaskEdits[]): EditConflict[] {
  const bySourcePath = new Map<string, { source: string; path: string; taskIds: Set<string> }>();
  for (const t of tasks) {
    const source = trimSlashes(t.source);
    for (const raw of t.paths) {
      const path = normalizePath(raw);
      if (path === '') continue;
      const key = `${source}\0${path}`;
      let entry = bySourcePath.get(key);
      if (entry === undefined) {
        entry = { source, path, taskIds: new Set() };
        bySourcePath.set(key, entry);
      }
      entry.taskIds.add(t.taskId);
    }
  }
  const out: EditConflict[] = [];
  for (const e of bySourcePath.values()) {
    if (e.taskIds.size >= 2) out.push({ path: e.path, source: e.source, taskIds: [...e.taskIds].sort() });
  }
  return out.sort((a, b) => cmp(a.source, b.source) || cmp(a.path, b.path));
}

/** "./src\\a.ts" and "src/a.ts" are the same file. */
export function normalizePath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function trimSlashes(s: string): string {
  return s.length > 1 ? s.replace(/\/+$/, '') : s;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
