import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The conflict radar: running tasks that derive from the same source (one repository's
 * worktrees, or one folder) and changed the same file. Each works in its own workspace, so
 * nothing breaks now; it will when their branches are merged, which is why the console
 * warns while both still run and proposes to serialize them.
 */
export interface TaskEdits<Id extends string = string> {
  taskId: Id;
  /** The repository or folder the task's workspace derives from (TaskWorkspace.source). */
  source: string;
  /** Changed paths, relative to the source (a worktree on a subfolder adds its prefix). */
  paths: readonly string[];
}

export interface EditConflict<Id extends string = string> {
  path: string;
  source: string;
  /** Sorted, at least two. */
  taskIds: Id[];
}

/** Sorted by source, then path. */
export function findEditConflicts<Id extends string>(tasks: readonly TaskEdits<Id>[]): EditConflict<Id>[] {
  const bySourcePath = new Map<string, { source: string; path: string; taskIds: Set<Id> }>();
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
  const out: EditConflict<Id>[] = [];
  for (const e of bySourcePath.values()) {
    if (e.taskIds.size >= 2) out.push({ path: e.path, source: e.source, taskIds: [...e.taskIds].sort() });
  }
  return out.sort((a, b) => cmp(a.source, b.source) || cmp(a.path, b.path));
}

/** The workspace fields the path mapping needs (TaskWorkspace). */
export interface WorkspacePlace {
  kind: 'worktree' | 'sandbox' | 'in-place';
  /** Where the agent runs. */
  path: string;
  source: string;
}

/**
 * A file an agent reported (absolute, or relative to where it runs) as a path relative to
 * its workspace's source, or null when it lies outside. A worktree made for a cwd in a
 * subfolder of the repository runs in the same subfolder of the worktree (workspace.ts), so
 * its root is the workspace path less that subfolder; an in-place folder's root is its
 * source (the repository's root when it is in one); a sandbox is its own root. `cwd` is the
 * folder the task was created with.
 */
export function sourceRelativePath(ws: WorkspacePlace, cwd: string | null, filePath: string): string | null {
  const abs = isAbsolute(filePath) ? filePath : resolve(ws.path, filePath);
  const rel = relative(workspaceRoot(ws, cwd), abs);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return normalizePath(rel);
}

/**
 * The paths among `reported` (absolute, or relative to where the task runs) that are new to
 * what the radar already knew of this task (`known`, from the source's root), deduplicated.
 * A sandbox gives none: it is a fresh, empty folder, so nothing in it derives from its
 * source (the folder the user pointed at), and two sandboxes writing `x.ts` share nothing.
 */
export function newEditPaths(input: { ws: WorkspacePlace; cwd: string | null; known: ReadonlySet<string>; reported: readonly string[] }): string[] {
  if (input.ws.kind === 'sandbox') return [];
  const out = new Set<string>();
  for (const raw of input.reported) {
    const path = sourceRelativePath(input.ws, input.cwd, raw);
    if (path !== null && !input.known.has(path)) out.add(path);
  }
  return [...out];
}

function workspaceRoot(ws: WorkspacePlace, cwd: string | null): string {
  // In place, the agent works in the source itself (its repository's root when it has one).
  if (ws.kind === 'in-place') return ws.source;
  if (ws.kind !== 'worktree' || cwd === null) return ws.path;
  const sub = relative(ws.source, cwd);
  if (sub === '' || sub === '..' || sub.startsWith(`..${sep}`) || isAbsolute(sub)) return ws.path;
  const suffix = `${sep}${sub}`;
  return ws.path.endsWith(suffix) ? ws.path.slice(0, -suffix.length) : ws.path;
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
