import type { Suggestion } from '../protocol/steering';
import type { TaskInfo } from '../protocol/task';
import { isPending, type SuggestionsState } from './suggestions-store';

/** The inbox: one task's suggestions, or every task's. */
export type InboxScope = { taskId: string | null };

export interface InboxSections {
  /** Waiting for a decision: the highest confidence first, then the newest. */
  open: Suggestion[];
  /** Snoozed: they come back by themselves (the server reopens them). */
  snoozed: Suggestion[];
  /** Decided (by a person, the API or auto-steer), newest decision first. */
  recent: Suggestion[];
}

/** Recent decisions the inbox lists under the open ones: the review of what just happened. */
export const RECENT_IN_INBOX = 20;

export function inboxSections(state: SuggestionsState, scope: InboxScope): InboxSections {
  const all = scope.taskId ? (state.byTask.get(scope.taskId) ?? []) : state.list;
  const open = all.filter((s) => s.state === 'open').sort((a, b) => b.confidence - a.confidence || b.createdAt - a.createdAt);
  const snoozed = all.filter((s) => s.state === 'snoozed');
  const recent = all
    .filter((s) => !isPending(s))
    .sort((a, b) => (b.resolvedAt ?? b.createdAt) - (a.resolvedAt ?? a.createdAt))
    .slice(0, RECENT_IN_INBOX);
  return { open, snoozed, recent };
}

export function openCount(state: SuggestionsState): number {
  return state.list.reduce((n, s) => n + (s.state === 'open' ? 1 : 0), 0);
}

/**
 * A task's open suggestions: from the store when it has any for that task (live, exact),
 * else the server's count on the task (a server that pushes counts before the list came).
 */
export function openCountForTask(state: SuggestionsState, task: Pick<TaskInfo, 'id' | 'openSuggestions'>): number {
  const mine = state.byTask.get(task.id);
  if (!mine) return state.loaded ? 0 : task.openSuggestions;
  return mine.reduce((n, s) => n + (s.state === 'open' ? 1 : 0), 0);
}

/** Selected task ids that still exist, in list order (the broadcast's targets). */
export function liveSelection(selected: ReadonlySet<string>, tasks: readonly Pick<TaskInfo, 'id'>[]): string[] {
  return tasks.filter((t) => selected.has(t.id)).map((t) => t.id);
}
