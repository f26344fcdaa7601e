'use client';

import type { TaskInfo } from '@/protocol/task';
import { disagreementText, stateSummary } from '@/lib/task-format';
import { usePaneHold } from '@/lib/axiom-provider';
import { heldText } from '@/lib/pane-holds';
import { formatConfidence, usageText, usageTitle } from '@/lib/steering-format';
import { SuggestionCountChip } from '@/components/steering/suggestion-count-chip';
import { useSteeringUi } from '@/components/steering/steering-ui';
import { VerificationBadge } from '@/components/verify/verification-badge';
import { ApprovalBar } from './approval-bar';
import { DisagreementIcon, TaskStateBadge } from './task-state-badge';

/**
 * The task line of a pane's header: which task this session runs, its fused state and the
 * signal that decided it. One line, always: what comes and goes (the question of a waiting
 * agent, held prompts) is in TaskPaneNotices, over the terminal, so the terminal keeps its
 * size when the agent starts or stops waiting.
 */
export function TaskPaneStrip({ task }: { task: TaskInfo }) {
  const { id } = task;
  const ui = useSteeringUi();
  const usage = usageText(task.usage);
  return (
    <div data-testid={`task-strip-${id}`} data-state={task.state} className="@container border-b border-line bg-raised/40 px-3 py-1">
      {/* Under 42rem the pane's header already names the task, and the state's tooltip
          says which signal decided it: without both, "details" no longer ran off the edge. */}
      <div className="flex min-w-0 items-center gap-2 text-xs">
        <span aria-hidden className="text-faint">◆</span>
        <span className="min-w-0 truncate font-medium text-fg @max-2xl:hidden" title={task.prompt}>{task.name}</span>
        <span className="shrink-0 text-faint">{task.agent}</span>
        <TaskStateBadge state={task.state} testId={`task-state-${id}`} title={`${stateSummary(task)}${task.status ? ` (via ${task.status.signal})` : ''}`} />
        {task.status && (
          <span data-testid={`task-signal-${id}`} className="shrink-0 text-[11px] text-faint @max-2xl:sr-only" title="The signal that decided this state">
            via {task.status.signal}
          </span>
        )}
        <DisagreementIcon text={disagreementText(task.status)} testId={`task-warning-${id}`} />
        <VerificationBadge task={task} testId={`task-verification-${id}`} />
        <SuggestionCountChip task={task} testId={`task-suggestions-${id}`} />
        {task.autoSteer.enabled && (
          <span data-testid={`task-auto-steer-on-${id}`} className="shrink-0 text-[11px] text-accent" title={`Auto-steer on (≥ ${formatConfidence(task.autoSteer.minConfidence)})`}>auto</span>
        )}
        <div className="ml-auto flex min-w-0 items-center gap-2 text-[11px]">
          {task.queue.length > 0 && <span data-testid={`task-queue-${id}`} className="shrink-0 text-muted">{task.queue.length} queued</span>}
          {usage && <span data-testid={`task-usage-${id}`} className="min-w-0 truncate text-faint tabular-nums" title={usageTitle(task.usage)}>{usage}</span>}
          {ui && (
            <button type="button" data-testid={`task-strip-details-${id}`} onClick={() => ui.openTask(id)} title="Proof, diff, interventions and auto-steer"
              className="shrink-0 text-accent hover:underline">details</button>
          )}
        </div>
      </div>
    </div>
  );
}

/**
 * While the agent waits: its question with the answers; while prompts are held for the
 * person at the keyboard: why. Shown over the top of the terminal (terminal-pane.tsx):
 * in the pane's flow they took rows from the terminal as they came and went, and each
 * change resized the PTY, so the agent redrew its permission prompt the moment it asked.
 */
export function TaskPaneNotices({ task }: { task: TaskInfo }) {
  const { id } = task;
  // Why the queue waits, while it waits for a person rather than for the agent.
  const held = heldText(task.queue.length, usePaneHold(task.sessionId)?.reason ?? null);
  if (held === null && task.state !== 'waiting') return null;
  return (
    <div data-testid={`task-notices-${id}`} className="pointer-events-auto space-y-1 rounded-md bg-panel shadow-lg shadow-black/40">
      {held !== null && (
        <p data-testid={`task-held-${id}`} role="status" className="rounded-md border border-warn/40 bg-warn/10 px-2 py-1 text-[11px] text-warn" title="Delivered when you stop typing, release the pane, or the claim times out">
          {held}
        </p>
      )}
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
