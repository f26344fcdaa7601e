import type { Suggestion } from '../protocol/steering';
import type { TaskInfo, TaskState } from '../protocol/task';
import { stateSummary } from './task-format';

/**
 * Which task changes deserve a person's attention, and the thin wrapper around the
 * browser's Notification API. The decision is a pure function of two snapshots, so it is
 * tested without a browser and applies the same way to a single update and to the full
 * list after a reconnect (a task that started waiting while we were away still notifies).
 */
export type TaskNoticeKind = 'waiting' | 'finished' | 'exited' | 'failed' | 'suggestion';

export interface TaskNotice {
  taskId: string;
  kind: TaskNoticeKind;
  title: string;
  body: string;
}

/**
 * `null` for transitions nobody needs to hear about. starting→idle is the agent becoming
 * ready before its first prompt, not a finished turn; a stop was asked for by a person,
 * so telling them about it is noise.
 */
export function noticeKind(prev: TaskState, next: TaskState): TaskNoticeKind | null {
  if (prev === next) return null;
  if (next === 'waiting') return 'waiting';
  if (next === 'idle' && (prev === 'busy' || prev === 'waiting')) return 'finished';
  if (next === 'exited' && prev !== 'failed' && prev !== 'stopped') return 'exited';
  if (next === 'failed' && prev !== 'exited' && prev !== 'stopped') return 'failed';
  return null;
}

const TITLES: Record<TaskNoticeKind, (name: string) => string> = {
  waiting: (name) => `${name} needs you`,
  finished: (name) => `${name} finished its turn`,
  exited: (name) => `${name} exited`,
  failed: (name) => `${name} failed`,
  suggestion: (name) => `${name}: a suggestion to review`,
};

/**
 * Notices for tasks known in both snapshots whose state changed. Tasks seen for the first
 * time notify nothing: on the first load every waiting task would otherwise ring at once.
 */
export function taskNotices(prev: ReadonlyMap<string, TaskInfo>, next: ReadonlyMap<string, TaskInfo>): TaskNotice[] {
  const out: TaskNotice[] = [];
  for (const [id, task] of next) {
    const before = prev.get(id);
    if (!before) continue;
    const kind = noticeKind(before.state, task.state);
    if (kind) out.push({ taskId: id, kind, title: TITLES[kind](task.name), body: stateSummary(task) });
  }
  return out;
}

/**
 * Only suggestions a rule is sure about ring: a low-confidence guess is worth a glance at
 * the inbox, not an interruption. The same bar as auto-steer's default.
 */
export const SUGGESTION_NOTIFY_MIN_CONFIDENCE = 0.8;

/**
 * Notices for suggestions that became open since `prev` (new ones, and snoozed ones the
 * server reopened) with a high confidence. The caller skips the initial list, as with
 * tasks: on load every open suggestion would otherwise ring at once.
 */
export function suggestionNotices(
  prev: ReadonlyMap<string, Suggestion>,
  next: ReadonlyMap<string, Suggestion>,
  taskName: (taskId: string) => string,
): TaskNotice[] {
  const out: TaskNotice[] = [];
  for (const [id, s] of next) {
    if (s.state !== 'open' || s.confidence < SUGGESTION_NOTIFY_MIN_CONFIDENCE) continue;
    if (prev.get(id)?.state === 'open') continue;
    out.push({ taskId: s.taskId, kind: 'suggestion', title: TITLES.suggestion(taskName(s.taskId)), body: s.title });
  }
  return out;
}

/** "(2) Axiom Console" while two tasks wait; the plain title otherwise. */
export function titleWithCount(baseTitle: string, waiting: number): string {
  return waiting > 0 ? `(${waiting}) ${baseTitle}` : baseTitle;
}

export type NotificationAccess = NotificationPermission | 'unsupported';

export function notificationAccess(): NotificationAccess {
  return typeof window !== 'undefined' && 'Notification' in window ? Notification.permission : 'unsupported';
}

/** Must run inside a user gesture (browsers ignore or penalise unprompted requests). */
export async function requestNotificationAccess(): Promise<NotificationAccess> {
  if (notificationAccess() === 'unsupported') return 'unsupported';
  return Notification.requestPermission();
}

/** Shows a notice if allowed. One notification per task and kind family (`tag`): a newer one replaces it. */
export function showNotice(notice: TaskNotice, onClick?: () => void): void {
  if (notificationAccess() !== 'granted') return;
  // Suggestions get their own tag: a suggestion must not silently replace "needs you".
  const tag = notice.kind === 'suggestion' ? `axiom-suggestion-${notice.taskId}` : `axiom-${notice.taskId}`;
  const n = new Notification(notice.title, { body: notice.body, tag });
  n.onclick = () => {
    window.focus();
    onClick?.();
    n.close();
  };
}
