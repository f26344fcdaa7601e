import { ok, err, type Result } from '../../protocol/result';
import type { TaskId, TaskInfo, TaskState } from '../../protocol/task';
import type { TaskService } from './task-service';

/**
 * The core of axiom_wait (MCP) and GET /api/tasks/:id/wait (REST, the CLI's `axiom wait`):
 * resolve when a task has settled (not queued/starting/busy, no prompt left to deliver) or
 * the time is up. Event-driven (task:updated), with a progress tick for callers that asked
 * for progress notifications.
 */
export const WAIT_LIMITS = {
  /** One request held open: long enough for a typical turn, short enough that a client's
   * own request timeout (often 60 s+) is not the one that fires. */
  defaultTimeoutMs: 55_000,
  /** Ten minutes: longer waits should be several calls, so a dead client frees its slot. */
  maxTimeoutMs: 600_000,
  /** How often a waiting caller hears that it is still waiting. */
  progressEveryMs: 5_000,
  /** A task must stay settled this long: between a prompt being typed and the screen
   * reading busy there is a poll or two (100 ms each) where it still looks idle. */
  settleMs: 400,
} as const;

const WORKING: ReadonlySet<TaskState> = new Set(['queued', 'starting', 'busy']);

export function isSettled(t: TaskInfo): boolean {
  return !WORKING.has(t.state) && t.queue.length === 0 && t.receipts.at(-1)?.status !== 'typed';
}

/** Settled, and nothing changed recently: no need to watch it for the settle time. */
function settledLongAgo(t: TaskInfo, now: number): boolean {
  const lastChange = Math.max(t.status?.since ?? 0, t.receipts.at(-1)?.at ?? 0);
  return isSettled(t) && now - lastChange >= WAIT_LIMITS.settleMs;
}

export interface WaitOptions {
  tasks: Pick<TaskService, 'get' | 'onEvent'>;
  id: TaskId;
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress?: ((elapsedMs: number, task: TaskInfo) => void) | undefined;
}

export function waitUntilSettled(o: WaitOptions): Promise<Result<{ task: TaskInfo; timedOut: boolean }>> {
  const first = o.tasks.get(o.id);
  if (!first.ok) return Promise.resolve(first);
  const startedAt = Date.now();
  if (settledLongAgo(first.value, startedAt)) return Promise.resolve(ok({ task: first.value, timedOut: false }));
  return new Promise((resolve) => {
    let last = first.value;
    let settling: NodeJS.Timeout | null = null;
    const check = (): void => {
      if (!isSettled(last)) {
        if (settling !== null) clearTimeout(settling);
        settling = null;
      } else {
        settling ??= setTimeout(() => finish(ok({ task: last, timedOut: false })), WAIT_LIMITS.settleMs);
      }
    };
    const finish = (r: Result<{ task: TaskInfo; timedOut: boolean }>): void => {
      unsubscribe();
      if (settling !== null) clearTimeout(settling);
      clearTimeout(timer);
      clearInterval(ticker);
      o.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const unsubscribe = o.tasks.onEvent((e) => {
      if (e.type === 'task:removed' && e.id === o.id) finish(err('not_found:task', `task ${o.id} was removed`));
      if (e.type !== 'task:updated' || e.task.id !== o.id) return;
      // Each state change while waiting is progress worth telling (busy → waiting, …).
      if (e.task.state !== last.state) o.onProgress?.(Date.now() - startedAt, e.task);
      last = e.task;
      check();
    });
    const timer = setTimeout(() => finish(ok({ task: last, timedOut: true })), o.timeoutMs);
    const ticker = setInterval(() => o.onProgress?.(Date.now() - startedAt, last), WAIT_LIMITS.progressEveryMs);
    // The client cancelled the request (or went away): stop listening at once.
    const onAbort = (): void => finish(ok({ task: last, timedOut: true }));
    o.signal?.addEventListener('abort', onAbort);
    check();
  });
}
