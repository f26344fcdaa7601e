'use client';

import type { TaskInfo } from '@/protocol/task';
import { useSuggestions } from '@/lib/axiom-provider';
import { openCountForTask } from '@/lib/steering-selectors';
import { useSteeringUi } from './steering-ui';

/**
 * A task's open suggestions, on its row and its pane strip: a click opens the inbox on
 * that task's suggestions. Nothing at zero, so quiet tasks stay quiet.
 */
export function SuggestionCountChip({ task, testId }: { task: TaskInfo; testId: string }) {
  const ui = useSteeringUi();
  const count = openCountForTask(useSuggestions(), task);
  if (count === 0) return null;
  const label = `${count} open suggestion${count === 1 ? '' : 's'}`;
  return (
    <button type="button" data-testid={testId} data-count={count} title={`${label}: review them`} aria-label={label}
      onClick={() => ui?.openInbox(task.id)}
      className="inline-flex h-5 shrink-0 items-center gap-1 rounded-full border border-warn/50 bg-warn/10 px-1.5 text-[11px] font-medium text-warn tabular-nums hover:bg-warn/20">
      <span aria-hidden>✦</span>{count}
    </button>
  );
}
