/**
 * What the retention sweep deletes, worked out from plain rows: pure, no I/O.
 *
 * Two bounds, both off when 0:
 * - age: a session, a task tree and their events go once everything in them ended more
 *   than `retentionDays` ago. A task tree goes whole (a parent is never left without the
 *   children it points to, nor a child without its parent), and a session a kept task
 *   points to stays with it;
 * - disk: recordings of ended sessions are deleted oldest first until all recordings fit
 *   in `maxRecordingBytes`. Their history rows stay (the page says the recording is gone).
 * A live session is never touched, whatever its age or size.
 */
export interface RetentionPolicy {
  /** Days an ended session or task tree is kept; 0 keeps them forever. */
  retentionDays: number;
  /** Bytes all recordings may take together; 0 means no cap. */
  maxRecordingBytes: number;
}

export interface SessionRow {
  id: string;
  createdAt: number;
  exitedAt: number | null;
}

export interface TaskRow {
  id: string;
  parentId: string | null;
  sessionId: string | null;
  /** In a final state (exited, failed, stopped). */
  final: boolean;
  createdAt: number;
  endedAt: number | null;
}

export interface RecordingFile {
  sessionId: string;
  bytes: number;
  mtimeMs: number;
}

export interface RetentionInput {
  now: number;
  sessions: readonly SessionRow[];
  tasks: readonly TaskRow[];
  recordings: readonly RecordingFile[];
  /** Sessions running in the pty host now. */
  liveSessionIds: ReadonlySet<string>;
}

export interface PrunePlan {
  sessionIds: string[];
  taskIds: string[];
  /** Recording files to delete (by session id). */
  recordingIds: string[];
  recordingBytes: number;
  /** Events with neither a session nor a task before this go too (null: none). */
  looseEventsBefore: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function planPrune(input: RetentionInput, policy: RetentionPolicy): PrunePlan {
  const cutoff = policy.retentionDays > 0 ? input.now - policy.retentionDays * DAY_MS : null;
  const taskIds = cutoff === null ? [] : oldTaskTrees(input.tasks, cutoff);
  const prunedTasks = new Set(taskIds);
  const keptBySessions = new Set(input.tasks.filter((t) => !prunedTasks.has(t.id) && t.sessionId !== null).map((t) => t.sessionId as string));
  const sessionIds =
    cutoff === null
      ? []
      : input.sessions
          .filter((s) => s.exitedAt !== null && s.exitedAt < cutoff && !input.liveSessionIds.has(s.id) && !keptBySessions.has(s.id))
          .map((s) => s.id);
  const prunedSessions = new Set(sessionIds);
  const known = new Set(input.sessions.map((s) => s.id));
  // The store's word too: a session it still has as running (just created, not yet in the
  // host's list when the sweep asked) is never a candidate for the cap.
  const running = new Set(input.sessions.filter((s) => s.exitedAt === null).map((s) => s.id));

  // Recordings of pruned sessions, and files no session row names that are past the age.
  const doomed = new Set<string>();
  for (const r of input.recordings) {
    if (input.liveSessionIds.has(r.sessionId)) continue;
    if (prunedSessions.has(r.sessionId) || (cutoff !== null && !known.has(r.sessionId) && r.mtimeMs < cutoff)) doomed.add(r.sessionId);
  }
  // Then the disk cap, oldest ended recording first.
  if (policy.maxRecordingBytes > 0) {
    let total = input.recordings.reduce((sum, r) => sum + (doomed.has(r.sessionId) ? 0 : r.bytes), 0);
    const oldestFirst = input.recordings
      .filter((r) => !doomed.has(r.sessionId) && !input.liveSessionIds.has(r.sessionId) && !running.has(r.sessionId))
      .sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const r of oldestFirst) {
      if (total <= policy.maxRecordingBytes) break;
      doomed.add(r.sessionId);
      total -= r.bytes;
    }
  }
  const recordings = input.recordings.filter((r) => doomed.has(r.sessionId));
  return {
    sessionIds,
    taskIds,
    recordingIds: recordings.map((r) => r.sessionId),
    recordingBytes: recordings.reduce((sum, r) => sum + r.bytes, 0),
    looseEventsBefore: cutoff,
  };
}

/** Every task in a tree (from a root: no parent, or a parent no longer stored) whose
 * tasks all ended before the cutoff. */
function oldTaskTrees(tasks: readonly TaskRow[], cutoff: number): string[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const children = new Map<string, TaskRow[]>();
  for (const t of tasks) {
    if (t.parentId === null || !byId.has(t.parentId)) continue;
    const list = children.get(t.parentId) ?? [];
    list.push(t);
    children.set(t.parentId, list);
  }
  const out: string[] = [];
  for (const root of tasks.filter((t) => t.parentId === null || !byId.has(t.parentId))) {
    const tree: TaskRow[] = [];
    const stack = [root];
    while (stack.length > 0) {
      const t = stack.pop() as TaskRow;
      tree.push(t);
      stack.push(...(children.get(t.id) ?? []));
    }
    if (tree.every((t) => t.final && (t.endedAt ?? t.createdAt) < cutoff)) out.push(...tree.map((t) => t.id));
  }
  return out;
}
