import type { SessionInfo } from './session';
import type { TaskInfo } from './task';

/**
 * The durable record as the history API serves it (server/transport/history-api.ts) and
 * the history page reads it.
 */

/** The history's task filter on the console's verdict: `none` is a task never verified
 * (nothing to check yet, or still running its first turn). */
export const HISTORY_VERIFICATION_FILTERS = ['verified', 'needs-work', 'none'] as const;
export type HistoryVerificationFilter = (typeof HISTORY_VERIFICATION_FILTERS)[number];

/** One row of the append-only events ledger. */
export interface StoredEvent {
  /** Position in the ledger: increasing, never reused; a cursor for exports. */
  seq: number;
  /** Milliseconds since the epoch. */
  at: number;
  /** Dotted lower-case name: `task.created`, `session.exited`. */
  type: string;
  sessionId: string | null;
  taskId: string | null;
  data: unknown;
}

/** GET /api/history/tasks/:id */
export interface TaskHistory {
  task: TaskInfo;
  events: StoredEvent[];
  children: TaskInfo[];
  /** The parent's id and name, so a child names it (null for a root task, or a parent
   * removed since). */
  parent: { id: string; name: string } | null;
}

/** GET /api/history/sessions/:id */
export interface SessionHistory {
  session: SessionInfo;
  events: StoredEvent[];
  /** Size of its recording file; null when there is none (recording off). */
  recordingBytes: number | null;
}
