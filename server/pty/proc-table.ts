/**
 * Pure helpers over a parsed Linux process table: parsing `/proc/<pid>/stat` and choosing
 * which processes belong to a PTY child's tree. No I/O here (see read-proc-table.ts), so
 * the selection rules are unit-tested against hand-built tables.
 */

export interface ProcEntry {
  pid: number;
  ppid: number;
  /** Process group id (stat field 5). */
  pgrp: number;
  /** Session id (stat field 6): the pid of the session leader. */
  session: number;
  /** One-letter state (stat field 3); 'Z' is a zombie (already dead, only not reaped). */
  state: string;
  /** Start time in clock ticks since boot (stat field 22): with the pid, names a process
   * uniquely, so a recycled pid is never mistaken for one we saw earlier. */
  startTime: number;
}

/**
 * Parses the text of `/proc/<pid>/stat`. The command name (field 2) is in parentheses and
 * may itself contain spaces and parentheses, so the fields are read after the LAST ')'.
 */
export function parseProcStat(text: string): ProcEntry | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  // Fields from 3 on; rest[0] is field 3 (state).
  const rest = text.slice(close + 1).trim().split(/\s+/);
  const state = rest[0];
  const ppid = Number(rest[1]);
  const pgrp = Number(rest[2]);
  const session = Number(rest[3]);
  const startTime = Number(rest[19]);
  if (state === undefined || ![pid, ppid, pgrp, session, startTime].every(Number.isInteger)) {
    return undefined;
  }
  return { pid, ppid, pgrp, session, state, startTime };
}

/** A process we decided to signal, remembered by identity (pid + start time). */
export interface ProcIdentity {
  pid: number;
  startTime: number;
}

export interface SelectTreeOptions {
  table: readonly ProcEntry[];
  /** The PTY child: a session leader (forkpty calls setsid), so its pid is the session id. */
  rootPid: number;
  /** The root's start time, when known: if the table shows `rootPid` with another start
   * time, the pid was recycled and session membership no longer means "ours". */
  rootStartTime?: number;
  /** Processes selected by an earlier scan: still targeted if alive with the same identity,
   * even if they left the session (setsid) or were reparented away from the root. */
  remembered?: readonly ProcIdentity[];
  /** Pids that must never be signalled (this server and its ancestors). */
  protectedPids?: ReadonlySet<number>;
}

/**
 * The processes of a PTY child's tree that are still alive (zombies excluded):
 * members of the child's session (bash puts foreground jobs in their own process groups,
 * but they stay in its session), descendants of the root or of any member (by ppid), and
 * remembered identities still alive.
 */
export function selectTreeTargets(opts: SelectTreeOptions): ProcEntry[] {
  const { table, rootPid, rootStartTime, remembered = [], protectedPids = new Set<number>() } = opts;
  const byPid = new Map(table.map((p) => [p.pid, p]));
  const rootEntry = byPid.get(rootPid);
  const rootRecycled =
    rootEntry !== undefined && rootStartTime !== undefined && rootEntry.startTime !== rootStartTime;

  const selected = new Set<number>();
  if (!rootRecycled) {
    if (rootEntry) selected.add(rootPid);
    for (const p of table) if (p.session === rootPid) selected.add(p.pid);
  }
  for (const r of remembered) {
    const p = byPid.get(r.pid);
    if (p && p.startTime === r.startTime) selected.add(p.pid);
  }
  // Close over descendants: a child of any selected process is selected.
  const children = new Map<number, number[]>();
  for (const p of table) {
    const list = children.get(p.ppid) ?? [];
    list.push(p.pid);
    children.set(p.ppid, list);
  }
  const stack = [...selected];
  if (!rootRecycled && !rootEntry) stack.push(rootPid);
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    for (const child of children.get(pid) ?? []) {
      if (!selected.has(child)) {
        selected.add(child);
        stack.push(child);
      }
    }
  }
  const out: ProcEntry[] = [];
  for (const pid of selected) {
    const p = byPid.get(pid);
    if (p && p.state !== 'Z' && !protectedPids.has(pid) && pid > 1) out.push(p);
  }
  return out.sort((a, b) => a.pid - b.pid);
}

/** `pid` and its ancestors in `table`: a tree kill must never signal these (the server). */
export function ancestorsOf(table: readonly ProcEntry[], pid: number): Set<number> {
  const byPid = new Map(table.map((p) => [p.pid, p]));
  const out = new Set<number>([pid]);
  let cur = byPid.get(pid);
  while (cur && cur.ppid > 0 && !out.has(cur.ppid)) {
    out.add(cur.ppid);
    cur = byPid.get(cur.ppid);
  }
  return out;
}
