import type { AgentStatus } from '../../protocol/agent';
import { FINAL_TASK_STATES, type TaskInfo, type TaskState } from '../../protocol/task';
import { sameStatusBesidesLine } from '../agents/agent-status';

/**
 * What a new agent status means for its task (TaskService applies it):
 * - `ignore`: the task has ended; late statuses change nothing;
 * - `exited`: the agent's process exited: the task ends;
 * - `line`: only the last screen line changed: publish it soon, coalesced (a busy agent
 *   prints many lines a second);
 * - `state`: anything else, published at once; `turnEnded` when the agent went from
 *   working (busy or waiting) to idle, which is when oversight verifies and steers.
 */
export type StatusStep =
  | { kind: 'ignore' }
  | { kind: 'exited' }
  | { kind: 'line' }
  | { kind: 'state'; from: TaskState; to: TaskState; turnEnded: boolean };

export function statusStep(task: Pick<TaskInfo, 'state' | 'status'>, status: AgentStatus): StatusStep {
  if (FINAL_TASK_STATES.has(task.state)) return { kind: 'ignore' };
  if (status.state === 'exited') return { kind: 'exited' };
  if (task.status !== null && status.state === task.state && sameStatusBesidesLine(task.status, status)) return { kind: 'line' };
  const from = task.state;
  const to: TaskState = status.state;
  return { kind: 'state', from, to, turnEnded: (from === 'busy' || from === 'waiting') && to === 'idle' };
}
