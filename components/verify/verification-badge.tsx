'use client';

import type { TaskInfo } from '@/protocol/task';
import { VERIFICATION_LABEL, VERIFICATION_TONE, verificationState, verificationTitle } from '@/lib/steering-format';
import { useSteeringUi } from '@/components/steering/steering-ui';
import { TONE_BOX_CLASS } from '@/components/ui/badge';

const ICON = { verified: '✓', 'needs-work': '✗', pending: '○', checking: '◌' } as const;

/**
 * Whether the work is proven: verified (green), needs work (red), checking (a dotted ring,
 * not a spinner: checks run for minutes and nothing on the page animates forever, ADR 0014),
 * pending (grey). Never the agent's word: the state comes from the console's own check.
 * On the dashboard a click opens the task's proof. Nothing for a task with nothing to verify.
 */
export function VerificationBadge({ task, testId, compact = false }: { task: TaskInfo; testId: string; compact?: boolean }) {
  const ui = useSteeringUi();
  const state = verificationState(task);
  if (!state) return null;
  const title = `${verificationTitle(task)}${ui ? ' · click for the proof' : ''}`;
  const className = `inline-flex shrink-0 items-center gap-1 rounded-full border font-medium leading-4 whitespace-nowrap ${compact ? 'px-1.5 text-[10px]' : 'px-2 py-0.5 text-[11px]'} ${TONE_BOX_CLASS[VERIFICATION_TONE[state]]}`;
  const content = (
    <>
      <span aria-hidden>{ICON[state]}</span>
      {VERIFICATION_LABEL[state]}
    </>
  );
  // Without the dashboard's proof drawer (the history page) there is nothing to open, and
  // the badge may sit inside a row that is itself a button: plain text, then.
  if (!ui) {
    return (
      <span data-testid={testId} data-state={state} title={title} aria-label={`Verification: ${VERIFICATION_LABEL[state]}. ${title}`} className={className}>
        {content}
      </span>
    );
  }
  return (
    <button type="button" data-testid={testId} data-state={state} title={title} aria-label={`Verification: ${VERIFICATION_LABEL[state]}. ${title}`}
      onClick={(e) => {
        // Inside a DAG node, a click would also go to the pane.
        e.stopPropagation();
        ui.openTask(task.id);
      }}
      className={className}>
      {content}
    </button>
  );
}
