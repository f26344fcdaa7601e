'use client';

import { useState } from 'react';
import type { Suggestion } from '@/protocol/steering';
import type { TaskInfo } from '@/protocol/task';
import type { CommandError } from '@/lib/commands';
import { editedText, SNOOZE_MINUTES, steeringCommands } from '@/lib/steering-commands';
import {
  ACTION_LABEL, carriesMessage, confidenceTone, formatClock, formatConfidence, resolvedByText, RULE_LABEL, SUGGESTION_STATE_TONE,
} from '@/lib/steering-format';
import { findReceipt } from '@/lib/task-format';
import { useAxiom } from '@/lib/axiom-provider';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorNote } from '@/components/ui/error-note';
import { EvidenceList } from './evidence-list';

type Busy = 'accept' | 'dismiss' | 'snooze';

export interface SuggestionCardProps {
  suggestion: Suggestion;
  /** The task it is about (absent when the task list has not arrived yet). */
  task: TaskInfo | undefined;
  /** Show which task it is about (the global inbox; not inside one task's view). */
  showTask: boolean;
  onFocusTask: ((taskId: string) => void) | null;
}

const RECEIPT_TONE = { queued: 'idle', typed: 'accent', submitted: 'ok', failed: 'bad' } as const;

/**
 * One suggestion: which rule, how sure, the evidence, and the proposed message, editable
 * before it is sent. Accept sends the edited text only when it was changed; after that
 * the card stays and follows the message's receipt (queued → typed → submitted, or failed).
 */
export function SuggestionCard({ suggestion: s, task, showTask, onFocusTask }: SuggestionCardProps) {
  const { id } = s;
  const { socket, suggestions } = useAxiom();
  const [draft, setDraft] = useState(s.message);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const open = s.state === 'open' || s.state === 'snoozed';
  const editable = open && carriesMessage(s.action);
  const auto = s.state === 'auto-applied' || s.resolvedBy === 'auto';
  // The receipt on the suggestion is a snapshot from the moment it was sent; the task's
  // own receipts move on (queued → submitted), so prefer the live one.
  const receipt = s.receipt ? ((task && findReceipt(task, s.receipt.id)) ?? s.receipt) : null;

  const run = async (action: Busy): Promise<void> => {
    setBusy(action);
    setError(null);
    const result =
      action === 'accept' ? await steeringCommands.accept(socket, id, editable ? editedText(s.message, draft) : undefined)
      : action === 'dismiss' ? await steeringCommands.dismiss(socket, id)
      : await steeringCommands.snooze(socket, id, SNOOZE_MINUTES);
    setBusy(null);
    // The reply is the resolved suggestion: show it now rather than wait for the broadcast.
    if (result.ok) suggestions.upsert(result.value);
    else setError(result.error);
  };

  return (
    <article data-testid={`suggestion-${id}`} data-state={s.state} data-rule={s.rule} data-task-id={s.taskId}
      className={`space-y-1.5 border-b border-line px-3 py-2.5 ${open ? '' : 'opacity-80'}`}>
      <header className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-[11px]">
        <span data-testid={`suggestion-rule-${id}`} className="font-semibold uppercase tracking-wide text-muted">{RULE_LABEL[s.rule]}</span>
        <Badge tone={confidenceTone(s.confidence)} data-testid={`suggestion-confidence-${id}`} title="How sure the rule is">
          {formatConfidence(s.confidence)}
        </Badge>
        {auto && <Badge tone="accent" data-testid={`suggestion-auto-${id}`} title="Applied by the task's auto-steer policy, without a click">auto</Badge>}
        {s.state !== 'open' && <Badge tone={SUGGESTION_STATE_TONE[s.state]} data-testid={`suggestion-state-${id}`}>{s.state}</Badge>}
        <time className="ml-auto text-faint tabular-nums" dateTime={new Date(s.createdAt).toISOString()}>{formatClock(s.createdAt)}</time>
      </header>
      <p className="text-sm text-fg">{s.title}</p>
      {showTask && (
        <button type="button" data-testid={`suggestion-task-${id}`} disabled={!onFocusTask} onClick={() => onFocusTask?.(s.taskId)}
          className="max-w-full truncate text-left text-[11px] text-accent hover:underline disabled:text-muted disabled:no-underline">
          {task?.name ?? s.taskId}
        </button>
      )}
      <EvidenceList id={id} evidence={s.evidence} onShow={onFocusTask && task?.sessionId ? () => onFocusTask(s.taskId) : null} />
      {editable ? (
        <textarea data-testid={`suggestion-text-${id}`} aria-label="Message to the agent" value={draft} rows={3} onChange={(e) => setDraft(e.target.value)}
          className="w-full resize-y rounded-md border border-line bg-canvas px-2 py-1 font-mono text-xs text-fg focus:border-accent/60 focus:outline-none" />
      ) : (
        (s.sentText ?? s.message) && (
          <p data-testid={`suggestion-message-${id}`} className="whitespace-pre-wrap rounded-md bg-canvas/60 px-2 py-1 font-mono text-xs text-muted">{s.sentText ?? s.message}</p>
        )
      )}
      {open && (
        <div className="flex flex-wrap items-center gap-1">
          <Button size="sm" variant="primary" data-testid={`suggestion-accept-${id}`} disabled={busy !== null || (editable && draft.trim() === '')}
            title={editable && editedText(s.message, draft) ? 'Send your edited message' : `${ACTION_LABEL[s.action]} as proposed`} aria-busy={busy === 'accept'}
            onClick={() => void run('accept')}>
            {ACTION_LABEL[s.action]}{busy === 'accept' ? '…' : ''}
          </Button>
          <Button size="sm" data-testid={`suggestion-dismiss-${id}`} disabled={busy !== null} onClick={() => void run('dismiss')}>Dismiss</Button>
          {s.state === 'open' && (
            <Button size="sm" data-testid={`suggestion-snooze-${id}`} disabled={busy !== null} title={`Hide it for ${SNOOZE_MINUTES} minutes`} onClick={() => void run('snooze')}>
              Snooze {SNOOZE_MINUTES}m
            </Button>
          )}
          {s.state === 'snoozed' && s.snoozedUntil && <span className="text-[11px] text-faint">until {formatClock(s.snoozedUntil)}</span>}
        </div>
      )}
      {!open && (
        <p className="flex flex-wrap items-center gap-2 text-[11px] text-faint">
          {s.resolvedAt && <span>{s.state} {resolvedByText(s) && `by ${resolvedByText(s)} `}at {formatClock(s.resolvedAt)}</span>}
          {receipt && (
            <Badge tone={RECEIPT_TONE[receipt.status]} data-testid={`suggestion-receipt-${id}`} data-status={receipt.status} title={receipt.reason ?? receipt.text}>
              message {receipt.status}
            </Badge>
          )}
        </p>
      )}
      <ErrorNote error={error} testId={`suggestion-error-${id}`} />
    </article>
  );
}
