import { TASK_STATE_URGENCY, TASK_STATES, type TaskInfo, type TaskState } from '../protocol/task';
import type { TasksState } from './tasks-store';

/** What the task list shows: every task, or those in one state. */
export type TaskFilter = TaskState | 'all';

/**
 * "Who needs me" first (TASK_STATE_URGENCY). Within waiting, the one that has waited
 * longest comes first; elsewhere the oldest task first, so rows do not jump around while
 * agents merely print.
 */
export function sortByUrgency(tasks: readonly TaskInfo[]): TaskInfo[] {
  return [...tasks].sort((a, b) => {
    const byState = TASK_STATE_URGENCY[a.state] - TASK_STATE_URGENCY[b.state];
    if (byState !== 0) return byState;
    if (a.state === 'waiting') {
      const bySince = (a.status?.since ?? a.createdAt) - (b.status?.since ?? b.createdAt);
      if (bySince !== 0) return bySince;
    }
    return a.createdAt - b.createdAt || a.id.localeCompare(b.id);
  });
}

/**
 * The waiting task to bring up next (the waiting badge, Alt+W): the one that has waited
 * longest, or, when the focused pane is already a waiting task's, the one after it, so
 * pressing again walks through everyone who is waiting. Null when nobody waits.
 */
export function nextWaitingTask(tasks: readonly TaskInfo[], focusedSessionId: string | null): TaskInfo | null {
  const waiting = sortByUrgency(tasks.filter((t) => t.state === 'waiting' && t.sessionId !== null));
  if (waiting.length === 0) return null;
  const at = waiting.findIndex((t) => t.sessionId === focusedSessionId);
  return waiting[(at + 1) % waiting.length] ?? null;
}

export function filterByState(tasks: readonly TaskInfo[], filter: TaskFilter): TaskInfo[] {
  return filter === 'all' ? [...tasks] : tasks.filter((t) => t.state === filter);
}

export function countByState(tasks: readonly TaskInfo[]): Record<TaskState, number> {
  const counts = Object.fromEntries(TASK_STATES.map((s) => [s, 0])) as Record<TaskState, number>;
  for (const t of tasks) counts[t.state]++;
  return counts;
}

/**
 * The direct children of a task, oldest first. Derived from each child's parentId rather
 * than the parent's `children` list, so a child that arrives before its parent's update
 * is still found.
 */
export function childrenOf(state: TasksState, id: string): TaskInfo[] {
  return state.list.filter((t) => t.parentId === id);
}

/** Every task below `id` (children, their children, …). */
export function descendantsOf(state: TasksState, id: string): TaskInfo[] {
  const out: TaskInfo[] = [];
  const seen = new Set<string>([id]);
  const stack = [id];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    for (const child of childrenOf(state, current)) {
      // A malformed parent cycle would otherwise loop for ever.
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      out.push(child);
      stack.push(child.id);
    }
  }
  return out;
}

export function waitingCount(tasks: readonly TaskInfo[]): number {
  return tasks.reduce((n, t) => n + (t.state === 'waiting' ? 1 : 0), 0);
}
