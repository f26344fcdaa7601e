import type { TaskState } from '@/protocol/task';
import { TASK_STATE_TONE } from '@/lib/task-format';
import { Badge } from '@/components/ui/badge';

/** A task's state as a pill; `data-state` carries the raw state for tests and styling. */
export function TaskStateBadge({ state, testId, title }: { state: TaskState; testId?: string; title?: string }) {
  return (
    <Badge tone={TASK_STATE_TONE[state]} data-testid={testId} data-state={state} title={title}>
      {state}
    </Badge>
  );
}

/** The ⚠ shown when two state signals disagree: a hint that a CLI update broke a rule. */
export function DisagreementIcon({ text, testId }: { text: string | null; testId?: string }) {
  if (!text) return null;
  return (
    <span data-testid={testId} role="img" aria-label={text} title={text} className="shrink-0 cursor-help text-xs text-warn">
      ⚠
    </span>
  );
}
