import type { SessionId } from '../../protocol/ids';
import type { TaskInfo } from '../../protocol/task';
import { AgentRun } from '../agents/agent-run';
import type { TaskLedger, TaskLifecycle, TaskRecord, TaskServiceOptions } from './task-service-types';
import { statusStep } from './task-status-step';

export interface TaskAgentRunDeps {
  options: Pick<TaskServiceOptions, 'host' | 'pollMs' | 'heldMs'>;
  ledger: TaskLedger | undefined;
  /** Publish the task now (a state change) or soon (its last line alone changed). */
  changed: (rec: TaskRecord) => void;
  changedSoon: (rec: TaskRecord) => void;
  /** The agent's process exited: the task ends as `exited`. */
  exited: (rec: TaskRecord) => void;
  life: (event: TaskLifecycle) => void;
  view: (rec: TaskRecord) => TaskInfo;
}

/**
 * The AgentRun that watches a started task's session, wired to the task: each status the
 * run reads moves the task through statusStep (a pure table), and a turn that ends is told
 * to oversight with what the agent said last. Not started: the caller starts it.
 */
export function createTaskAgentRun(rec: TaskRecord, sessionId: SessionId, deps: TaskAgentRunDeps): AgentRun {
  const { info } = rec;
  const { options } = deps;
  const run: AgentRun = new AgentRun({
    host: options.host,
    sessionId,
    adapter: rec.adapter,
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    heldMs: () => options.heldMs?.(sessionId) ?? 0,
    onStatus: (status) => {
      const step = statusStep(info, status);
      if (step.kind === 'ignore') return;
      info.status = status;
      if (step.kind === 'exited') {
        deps.exited(rec);
        return;
      }
      if (step.kind === 'line') {
        deps.changedSoon(rec);
        return;
      }
      info.state = step.to;
      if (step.from !== step.to) deps.ledger?.append({ type: 'task.state', taskId: info.id, sessionId, data: { from: step.from, to: step.to, signal: status.signal } });
      deps.changed(rec);
      if (step.turnEnded) {
        const last = run.monitor.lastStop();
        deps.life({ type: 'turn-ended', task: deps.view(rec), lastMessage: last.message, transcriptPath: last.transcriptPath });
      }
    },
    onReceipts: (queue, receipts) => {
      info.queue = queue;
      info.receipts = receipts;
      deps.changed(rec);
    },
  });
  return run;
}
