'use client';

import type { TaskInfo } from '@/protocol/task';
import { disagreementText, stateSummary } from '@/lib/task-format';
import { ApprovalBar } from './approval-bar';
import { DisagreementIcon, TaskStateBadge } from './task-state-badge';

/**
 * The task line of a pane's header: which task this session runs, its fused state and the
 * signal that decided it, and, while the agent waits, its question with the answers.
 */
export function TaskPaneStrip({ task }: { task: TaskInfo }) {
  const { id } = task;
  return (
    <div data-testid={`task-strip-${id}`} data-state={task.state} className="space-y-1 border-b border-line bg-raised/40 px-3 py-1">
      <div className="flex min-w-0 items-center gap-2 text-xs">
        <span aria-hidden className="text-faint">◆</span>
        <span className="min-w-0 truncate font-medium text-fg" title={task.prompt}>{task.name}</span>
        <span className="shrink-0 text-faint">{task.agent}</span>
        <TaskStateBadge state={task.state} testId={`task-state-${id}`} title={stateSummary(task)} />
        {task.status && (
          <span data-testid={`task-signal-${id}`} className="shrink-0 text-[11px] text-faint" title="The signal that decided this state">
            via {task.status.signal}
          </span>
        )}
        <DisagreementIcon text={disagreementText(task.status)} testId={`task-warning-${id}`} />
        {task.queue.length > 0 && (
          <span data-testid={`task-queue-${id}`} className="ml-auto shrink-0 text-[11px] text-muted">{task.queue.length} queued</span>
        )}
      </div>
      {task.state === 'waiting' && (
        <ApprovalBar
          task={task}
          compact
          ids={{ question: `task-question-${id}`, approve: `btn-approve-${id}`, approveAll: `btn-approve-all-${id}`, deny: `btn-deny-${id}`, error: `task-approve-error-${id}` }}
        />
      )}
    </div>
  );
}
