'use client';

import { useState } from 'react';
import type { ApproveChoice } from '@/protocol/agent';
import type { TaskInfo } from '@/protocol/task';
import type { CommandError } from '@/lib/commands';
import { taskCommands } from '@/lib/task-commands';
import { useAxiom } from '@/lib/axiom-provider';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';

export interface ApprovalBarProps {
  task: TaskInfo;
  /** Test ids: the pane uses `btn-approve-<id>`…, the list row `task-row-approve-<id>`…,
   * so both can be on the page at once without ambiguous locators. */
  ids: { question: string; approve: string; approveAll: string; deny: string; error: string };
  compact?: boolean;
}

const CHOICES: ReadonlyArray<{ choice: ApproveChoice; label: string; key: keyof ApprovalBarProps['ids']; title: string }> = [
  { choice: 'yes', label: 'Approve', key: 'approve', title: 'Allow this once' },
  { choice: 'yes-all', label: 'Approve all', key: 'approveAll', title: 'Allow, and do not ask again for this kind of action' },
  { choice: 'no', label: 'Deny', key: 'deny', title: 'Refuse; the agent is told no' },
];

/**
 * What a waiting task asks, with Approve / Approve all / Deny (`task:approve`). A task
 * waiting for a free-text answer gets the question only: the reply goes in the prompt box.
 */
export function ApprovalBar({ task, ids, compact = false }: ApprovalBarProps) {
  const { socket } = useAxiom();
  const [sending, setSending] = useState<ApproveChoice | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const waiting = task.status?.waiting ?? null;

  const approve = async (choice: ApproveChoice): Promise<void> => {
    setSending(choice);
    setError(null);
    const result = await taskCommands.approve(socket, task.id, choice);
    setSending(null);
    if (!result.ok) setError(result.error);
  };

  return (
    <div className={`rounded-md border border-warn/40 bg-warn/10 ${compact ? 'px-2 py-1' : 'px-2.5 py-1.5'}`}>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <p data-testid={ids.question} className="min-w-0 flex-1 break-words text-xs text-warn" title={waiting?.question}>
          {waiting?.question || 'Waiting for you'}
        </p>
        {waiting?.kind !== 'answer' && (
          <div className="flex shrink-0 gap-1">
            {CHOICES.map((c) => (
              <Button key={c.choice} size="sm" variant={c.choice === 'no' ? 'danger' : c.choice === 'yes' ? 'primary' : 'ghost'}
                data-testid={ids[c.key]} title={c.title} disabled={sending !== null} aria-busy={sending === c.choice} onClick={() => void approve(c.choice)}>
                {/* The label stays while sending, so the button keeps its name for screen readers. */}
                {c.label}{sending === c.choice ? '…' : ''}
              </Button>
            ))}
          </div>
        )}
      </div>
      <ErrorNote error={error} testId={ids.error} className="mt-1" />
    </div>
  );
}
