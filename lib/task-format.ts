import type { AgentStatus, PromptReceipt } from '../protocol/agent';
import { FINAL_TASK_STATES, type TaskInfo, type TaskState } from '../protocol/task';
import type { StatusTone } from './session-format';

/**
 * How a task's state reads at a glance, shared by the DAG, the list and the pane header:
 * amber for "needs you", blue for working, green for done-and-ready, red for failed,
 * grey for not started or over.
 */
export const TASK_STATE_TONE: Record<TaskState, StatusTone | 'accent'> = {
  waiting: 'warn',
  busy: 'accent',
  starting: 'accent',
  idle: 'ok',
  failed: 'bad',
  queued: 'idle',
  exited: 'idle',
  stopped: 'idle',
};

/** States in which the agent process is running and can take a prompt or a key. */
export function isLiveTask(state: TaskState): boolean {
  return state === 'starting' || state === 'busy' || state === 'waiting' || state === 'idle';
}

export function isFinalTask(state: TaskState): boolean {
  return FINAL_TASK_STATES.has(state);
}

/** "7s", "3m 05s", "2h 04m": compact enough for a DAG node, precise where it matters. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  return `${h}h ${String(m % 60).padStart(2, '0')}m`;
}

/** Run time: from start (or creation, while queued) to the end, or to `nowMs` while it runs. */
export function taskElapsedMs(task: Pick<TaskInfo, 'createdAt' | 'startedAt' | 'endedAt'>, nowMs: number): number {
  return (task.endedAt ?? nowMs) - (task.startedAt ?? task.createdAt);
}

/** "screen said idle, hook said busy": which signals disagree, for the warning's tooltip. */
export function disagreementText(status: Pick<AgentStatus, 'disagreement'> | null): string | null {
  const d = status?.disagreement;
  if (!d || d.signals.length === 0) return null;
  return `Signals disagree: ${d.signals.map((s) => `${s.signal} says ${s.state}`).join(', ')}`;
}

/** The newest delivered (or failed) receipt, else the newest queued prompt. */
export function lastReceipt(task: Pick<TaskInfo, 'queue' | 'receipts'>): PromptReceipt | null {
  return task.receipts[task.receipts.length - 1] ?? task.queue[task.queue.length - 1] ?? null;
}

/** The live version of a receipt we were handed earlier: it moves from queue to receipts. */
export function findReceipt(task: Pick<TaskInfo, 'queue' | 'receipts'>, id: string): PromptReceipt | null {
  return task.queue.find((r) => r.id === id) ?? task.receipts.find((r) => r.id === id) ?? null;
}

/** A one-line summary of the state for tooltips and notifications. */
export function stateSummary(task: Pick<TaskInfo, 'state' | 'status' | 'error' | 'queuePosition'>): string {
  switch (task.state) {
    case 'waiting':
      return task.status?.waiting?.question ?? 'waiting for you';
    case 'failed':
      return task.error?.message ?? 'failed';
    case 'exited':
      return `exited${task.status?.exitCode != null ? ` with code ${task.status.exitCode}` : ''}`;
    case 'queued':
      return task.queuePosition != null ? `queued (#${task.queuePosition + 1})` : 'queued';
    default:
      return task.state;
  }
}
