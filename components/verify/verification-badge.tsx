'use client';

import type { TaskInfo } from '@/protocol/task';
import { VERIFICATION_LABEL, VERIFICATION_TONE, verificationState, verificationTitle } from '@/lib/steering-format';
import { useSteeringUi } from '@/components/steering/steering-ui';

const TONE_CLASS = {
  ok: 'text-ok bg-ok/10 border-ok/30',
  bad: 'text-bad bg-bad/10 border-bad/30',
  accent: 'text-accent bg-accent/10 border-accent/30',
  idle: 'text-idle bg-idle/10 border-idle/30',
  warn: 'text-warn bg-warn/10 border-warn/30',
} as const;

const ICON = { verified: '✓', 'needs-work': '✗', pending: '○', checking: '' } as const;

/**
 * Whether the work is proven: verified (green), needs work (red), checking (a spinner),
 * pending (grey). Never the agent's word: the state comes from the console's own check.
 * A click opens the task's proof. Nothing for a task with nothing to verify.
 */
export function VerificationBadge({ task, testId, compact = false }: { task: TaskInfo; testId: string; compact?: boolean }) {
  const ui = useSteeringUi();
  const state = verificationState(task);
  if (!state) return null;
  const title = `${verificationTitle(task)}${ui ? ' · click for the proof' : ''}`;
  return (
    <button type="button" data-testid={testId} data-state={state} title={title} aria-label={`Verification: ${VERIFICATION_LABEL[state]}. ${title}`}
      onClick={(e) => {
        // Inside a DAG node, a click would also go to the pane.
        e.stopPropagation();
        ui?.openTask(task.id);
      }}
      className={`inline-flex shrink-0 items-center gap-1 rounded-full border font-medium leading-4 whitespace-nowrap ${compact ? 'px-1.5 text-[10px]' : 'px-2 py-0.5 text-[11px]'} ${TONE_CLASS[VERIFICATION_TONE[state]]}`}>
      {state === 'checking' ? (
        <span aria-hidden className="size-2.5 rounded-full border-[1.5px] border-current border-t-transparent motion-safe:animate-spin" />
      ) : (
        <span aria-hidden>{ICON[state]}</span>
      )}
      {VERIFICATION_LABEL[state]}
    </button>
  );
}
