'use client';

import { useState } from 'react';
import type { TaskInfo } from '@/protocol/task';
import type { CommandError } from '@/lib/commands';
import { errorText } from '@/lib/error-text';
import { useNow } from '@/lib/task-clock';
import { disagreementText, formatElapsed, lastReceipt, stateSummary, taskElapsedMs } from '@/lib/task-format';
import { usageText, usageTitle, formatConfidence } from '@/lib/steering-format';
import { SuggestionCountChip } from '@/components/steering/suggestion-count-chip';
import { useSteeringUi } from '@/components/steering/steering-ui';
import { VerificationBadge } from '@/components/verify/verification-badge';
import { ErrorNote } from '@/components/ui/error-note';
import { ApprovalBar } from './approval-bar';
import { TaskRowActions } from './task-row-actions';
import { DisagreementIcon, TaskStateBadge } from './task-state-badge';

export interface TaskRowProps {
  task: TaskInfo;
  descendants: number;
  onFocusTask: (task: TaskInfo) => void;
  onAddChild: (parentId: string) => void;
  /** Picked for a broadcast ("Steer selected"). */
  selected: boolean;
  onSelect: (id: string, selected: boolean) => void;
}

/** One task in the list: what it is, how it is doing and why we think so, and its actions. */
export function TaskRow({ task, descendants, onFocusTask, onAddChild, selected, onSelect }: TaskRowProps) {
  const { id } = task;
  const ui = useSteeringUi();
  const usage = usageText(task.usage);
  const now = useNow();
  const [error, setError] = useState<CommandError | null>(null);
  const receipt = lastReceipt(task);
  return (
    <li data-testid={`task-row-${id}`} data-state={task.state} className="@container space-y-1.5 border-b border-line px-3 py-2 last:border-b-0">
      <div className="flex min-w-0 flex-wrap items-center gap-2 @md:flex-nowrap">
        <input type="checkbox" data-testid={`task-select-${id}`} aria-label={`Select ${task.name} for a steering message`} checked={selected}
          onChange={(e) => onSelect(id, e.target.checked)} className="shrink-0" />
        <button type="button" data-testid={`task-row-name-${id}`} onClick={() => onFocusTask(task)} disabled={!task.sessionId}
          title={task.sessionId ? `Go to the pane · ${task.prompt}` : task.prompt}
          className="min-w-0 truncate text-left text-sm font-medium text-fg hover:text-accent disabled:hover:text-fg">
          {task.name}
        </button>
        {/* Never shrunk: the name truncates instead of the last button being cut off. In a
            narrow panel (a 1024 px window) the buttons take a line of their own, or the name
            was cut to a few letters and tasks could not be told apart. */}
        <div data-testid={`task-row-actions-${id}`} className="flex shrink-0 basis-full justify-end @md:ml-auto @md:basis-auto">
          <TaskRowActions task={task} descendants={descendants} onAddChild={onAddChild} onError={setError} />
        </div>
      </div>
      {/* The agent and the time sit on this line, not beside the name: beside it, with the
          buttons, they left a 1366 px window's task list "Write the gre…" and "Plan a greetin…". */}
      <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-[11px]">
        <span className="shrink-0 text-faint">
          {task.agent} · <span className="font-mono tabular-nums">{formatElapsed(taskElapsedMs(task, now || task.createdAt))}</span>
        </span>
        <TaskStateBadge state={task.state} testId={`task-row-state-${id}`} title={stateSummary(task)} />
        {task.status && (
          <span data-testid={`task-row-signal-${id}`} className="text-faint" title="The signal that decided this state">via {task.status.signal}</span>
        )}
        <DisagreementIcon text={disagreementText(task.status)} testId={`task-row-warning-${id}`} />
        <VerificationBadge task={task} testId={`task-row-verification-${id}`} />
        <SuggestionCountChip task={task} testId={`task-row-suggestions-${id}`} />
        {task.autoSteer.enabled && (
          <span data-testid={`task-row-auto-steer-on-${id}`} className="text-accent" title={`Auto-steer on: suggestions at ${formatConfidence(task.autoSteer.minConfidence)} or more are applied without a click`}>
            auto-steer
          </span>
        )}
        {usage && <span data-testid={`task-row-usage-${id}`} className="text-faint tabular-nums" title={usageTitle(task.usage)}>{usage}</span>}
        {ui && (
          <button type="button" data-testid={`task-row-details-${id}`} onClick={() => ui.openTask(id)} title="Proof, diff, interventions and auto-steer"
            className="text-accent hover:underline">details</button>
        )}
        {task.state === 'queued' && task.queuePosition !== null && <span className="text-muted">#{task.queuePosition + 1} in line</span>}
        {task.queue.length > 0 && (
          <span data-testid={`task-row-queue-${id}`} className="text-muted" title={task.queue.map((r) => r.text).join('\n')}>
            {task.queue.length} queued
          </span>
        )}
        {receipt && (
          <span data-testid={`task-row-receipt-${id}`} data-status={receipt.status} className="min-w-0 truncate text-faint" title={receipt.reason ?? receipt.text}>
            last prompt {receipt.status}
          </span>
        )}
      </div>
      {task.state === 'failed' && task.error && (
        <p data-testid={`task-row-failure-${id}`} data-code={task.error.code} className="font-mono text-[11px] text-bad">{errorText(task.error)}</p>
      )}
      {task.status?.lastLine && task.state !== 'waiting' && (
        <p className="truncate font-mono text-[11px] text-muted" title={task.status.lastLine}>{task.status.lastLine}</p>
      )}
      {task.state === 'waiting' && (
        <ApprovalBar task={task} compact ids={{
          question: `task-row-question-${id}`, approve: `task-row-approve-${id}`, approveAll: `task-row-approve-all-${id}`,
          deny: `task-row-deny-${id}`, error: `task-row-approve-error-${id}`,
        }} />
      )}
      <ErrorNote error={error} testId={`task-row-error-${id}`} />
    </li>
  );
}
