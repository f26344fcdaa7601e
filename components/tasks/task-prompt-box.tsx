'use client';

import { useState } from 'react';
import type { PromptReceipt, ReceiptStatus } from '@/protocol/agent';
import type { TaskInfo } from '@/protocol/task';
import type { CommandError } from '@/lib/commands';
import { taskCommands } from '@/lib/task-commands';
import { findReceipt, isFinalTask, lastReceipt } from '@/lib/task-format';
import { useAxiom } from '@/lib/axiom-provider';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';
import { PromptTextarea } from '@/components/ui/prompt-textarea';

const RECEIPT_TONE: Record<ReceiptStatus, string> = {
  queued: 'text-muted',
  typed: 'text-accent',
  submitted: 'text-ok',
  failed: 'text-bad',
};

/**
 * A task pane's prompt box (`task:prompt`). By default the prompt is queued and delivered
 * when the agent is idle, so it never lands in the middle of a turn; "now" types it at
 * once (to answer a question, or to redirect a busy agent). The receipt follows the prompt
 * from the ack through the task's updates: queued → typed → submitted (or failed).
 */
export function TaskPromptBox({ task }: { task: TaskInfo }) {
  const { id } = task;
  const { socket } = useAxiom();
  const [text, setText] = useState('');
  const [now, setNow] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const [sent, setSent] = useState<PromptReceipt | null>(null);
  const disabled = isFinalTask(task.state);

  const send = async (): Promise<void> => {
    if (sending || text.length === 0 || disabled) return;
    setSending(true);
    setError(null);
    const result = await taskCommands.prompt(socket, { id, text, mode: now ? 'now' : 'queue' });
    setSending(false);
    if (!result.ok) return setError(result.error);
    setText('');
    setSent(result.value);
  };

  // The live copy of what we sent, else the task's latest (e.g. after a reload).
  const receipt = (sent && findReceipt(task, sent.id)) ?? sent ?? lastReceipt(task);
  return (
    <div className="border-t border-line px-2 py-1.5">
      <div className="flex items-end gap-2">
        <PromptTextarea
          testId={`task-prompt-input-${id}`}
          value={text}
          onChange={setText}
          onSubmit={() => void send()}
          disabled={disabled}
          placeholder={disabled ? `Task ${task.state}` : now ? 'Type it into the agent now…' : 'Prompt, sent when the agent is idle…'}
          ariaLabel={`Prompt task ${task.name}`}
        />
        <label className="flex h-8 shrink-0 cursor-pointer items-center gap-1 text-[11px] text-muted" title="Type it at once instead of waiting for the agent to be idle">
          <input type="checkbox" data-testid={`task-prompt-now-${id}`} checked={now} disabled={disabled}
            onChange={(e) => setNow(e.target.checked)} className="accent-accent" />
          now
        </label>
        <Button size="sm" variant="primary" className="h-8" data-testid={`task-prompt-send-${id}`}
          disabled={disabled || sending || text.length === 0} onClick={() => void send()}>
          {sending ? 'Sending…' : now ? 'Send now' : 'Queue'}
        </Button>
      </div>
      <div className="mt-1 flex min-h-4 items-center gap-2 text-[11px]">
        {receipt && (
          <span data-testid={`task-receipt-${id}`} data-status={receipt.status} className="min-w-0 truncate text-faint"
            title={receipt.reason ?? receipt.text}>
            <span className={RECEIPT_TONE[receipt.status]}>{receipt.status}</span>
            {receipt.status === 'submitted' && receipt.enters > 1 ? ` (${receipt.enters} Enters)` : ''}
            {receipt.reason ? ` — ${receipt.reason}` : ''} · <span className="font-mono">{receipt.text}</span>
          </span>
        )}
        {task.queue.length > 0 && (
          <span className="ml-auto shrink-0 text-muted" title={task.queue.map((r) => r.text).join('\n')}>{task.queue.length} queued</span>
        )}
      </div>
      <ErrorNote error={error} testId={`task-prompt-error-${id}`} className="mt-1" />
    </div>
  );
}
