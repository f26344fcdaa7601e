import type { ReactNode } from 'react';
import type { TaskInfo } from '@/protocol/task';
import { errorText } from '@/lib/error-text';
import { verificationTitle } from '@/lib/steering-format';
import { formatElapsed, taskElapsedMs } from '@/lib/task-format';
import { formatDateTime } from '@/components/history/history-format';

/**
 * What a task is, as labelled values: who runs it, when, where (the workspace folder and
 * branch a person goes to look at), its check and verdict, attempts and error. One list
 * for the live details drawer and the history page, so both say the same things.
 * `parent`: how to show the parent task (a link), when there is one.
 */
export function taskFacts(task: TaskInfo, parent: ReactNode, nowMs: number): [label: string, value: ReactNode][] {
  return [
    ['agent', task.agent],
    ['created', formatDateTime(task.createdAt)],
    ['ended', formatDateTime(task.endedAt)],
    ['ran for', task.startedAt === null ? '—' : formatElapsed(taskElapsedMs(task, task.endedAt ?? nowMs))],
    ['workspace', task.workspace === null ? '—' : `${task.workspace.kind}: ${task.workspace.path}${task.workspace.branch ? ` (${task.workspace.branch})` : ''}`],
    ['check', task.check ?? '—'],
    ['verification', verificationTitle(task) || '—'],
    ['attempts', task.attempts],
    ...(task.error === null ? [] : [['error', errorText(task.error)] as [string, ReactNode]]),
    ...(task.parentId === null ? [] : [['parent', parent] as [string, ReactNode]]),
  ];
}

/** The task's prompt as given (its own scroll box: prompts can be long). */
export function TaskPromptText({ prompt, testId }: { prompt: string; testId?: string }) {
  return (
    <pre data-testid={testId} className="max-h-48 overflow-auto rounded bg-canvas p-2 font-mono text-xs whitespace-pre-wrap">
      {prompt}
    </pre>
  );
}
