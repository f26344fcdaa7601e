import { FINAL_TASK_STATES, type TaskInfo } from '../protocol/task';
import { isSettled } from '../server/tasks/wait-for-task';
import type { ApiClient } from './api-client';
import { CliError, EXIT } from './exit-codes';

/**
 * `axiom wait ID [--timeout S] [--verified]`: blocks until the task settles — its turn
 * ended, it waits for an answer, or it exited — through the console's long poll
 * (GET /api/tasks/:id/wait, held up to 55 s per request, so no polling of its own).
 *
 * With --verified it goes on until the console's verdict on that turn's work, and succeeds
 * only when the work is verified: `axiom wait "$ID" --verified && git merge …`. A task
 * that stops on a permission prompt has no verdict coming; that is an error too, which
 * says what the task is waiting for.
 */
export interface WaitOptions {
  api: ApiClient;
  taskId: string;
  /** Null: no limit. */
  timeoutMs: number | null;
  verified: boolean;
  now?: () => number;
  /** How often the verdict is read once the turn ended (it comes within a check's time). */
  verdictPollMs?: number;
}

/** One long-poll request: the console's own cap is 10 minutes, 55 s stays under proxies'. */
const ROUND_MS = 55_000;

export async function waitForTask(o: WaitOptions): Promise<TaskInfo> {
  const now = o.now ?? Date.now;
  const deadline = o.timeoutMs === null ? Number.POSITIVE_INFINITY : now() + o.timeoutMs;
  const path = `/api/tasks/${encodeURIComponent(o.taskId)}`;
  const first = await o.api.call<TaskInfo>('GET', path);
  // The verdict that counts: a new one if a turn was under way when we started (working,
  // or stopped on a question mid-turn: the verdict it has is an earlier turn's); otherwise
  // the one it has, or the first to come.
  const had = first.verification?.attempt ?? 0;
  const midTurn = !isSettled(first) || first.state === 'waiting';
  const wanted = midTurn ? had + 1 : Math.max(1, had);
  let task = first;
  for (;;) {
    const left = deadline - now();
    if (left <= 0) throw timedOut(task, o.timeoutMs);
    const r = await o.api.call<{ task: TaskInfo; timedOut: boolean }>('GET', `${path}/wait?timeoutMs=${Math.floor(Math.min(ROUND_MS, left))}`);
    task = r.task;
    if (!r.timedOut) break;
  }
  return o.verified ? verdict(o, task, wanted, deadline, now) : task;
}

async function verdict(o: WaitOptions, settled: TaskInfo, wanted: number, deadline: number, now: () => number): Promise<TaskInfo> {
  const path = `/api/tasks/${encodeURIComponent(o.taskId)}`;
  let task = settled;
  for (;;) {
    const v = task.verification;
    if (v !== null && v.attempt >= wanted && v.state !== 'checking') {
      if (v.state === 'verified') return task;
      throw new CliError(`needs work: ${v.reason} (attempt ${v.attempt})`, EXIT.error);
    }
    if (task.state === 'waiting') {
      const question = task.status?.waiting?.question;
      throw new CliError(`no verdict: the task waits for an answer${question ? ` (${question})` : ''}; answer it with axiom approve`, EXIT.error);
    }
    if (FINAL_TASK_STATES.has(task.state) && (v === null || v.attempt < wanted)) {
      throw new CliError(`no verdict: the task ${task.state} before its work was checked`, EXIT.error);
    }
    if (now() >= deadline) throw timedOut(task, o.timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, o.verdictPollMs ?? 300));
    task = await o.api.call<TaskInfo>('GET', path);
  }
}

function timedOut(task: TaskInfo, timeoutMs: number | null): CliError {
  const what = task.verification?.state === 'checking' ? 'its check is still running' : `it is ${task.state}`;
  return new CliError(`timed out after ${Math.round((timeoutMs ?? 0) / 1000)} s: ${what}`, EXIT.timeout);
}
