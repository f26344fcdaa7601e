import type { SessionInfo } from '../../protocol/session';
import type { HistoryVerificationFilter, StoredEvent } from '../../protocol/history';
import type { TaskInfo } from '../../protocol/task';
import type { PrunePlan, SessionRow, TaskRow } from './retention-plan';

/** The durable record's public shapes (see store.ts for the implementation). */

export interface AppendEvent {
  /** A dotted lower-case name: `task.created`, `session.exited` (EVENT_TYPE_PATTERN). */
  type: string;
  sessionId?: string | null;
  taskId?: string | null;
  /** Anything JSON can hold; over the size cap it is replaced by a truncation note. */
  data: unknown;
  /** Milliseconds since the epoch; default now. */
  at?: number;
}

/** The ledger row shape is part of the protocol: the history page reads it. */
export type { StoredEvent } from '../../protocol/history';

export interface TaskFilter {
  state?: string;
  agent?: string;
  verification?: HistoryVerificationFilter;
  limit?: number;
}

export interface SessionFilter {
  status?: string;
  limit?: number;
}

export interface EventFilter {
  taskId?: string;
  sessionId?: string;
  /** Only events with seq greater than this (a cursor). */
  afterSeq?: number;
  limit?: number;
}

export interface ExportOptions {
  afterSeq?: number;
  /** Stop after this seq (an export started at one moment ends at that moment's last event). */
  untilSeq?: number;
  limit?: number;
}

export interface ExportSummary {
  count: number;
  /** Seq of the last event written (afterSeq when none). */
  lastSeq: number;
}

export interface PruneSummary {
  sessions: number;
  tasks: number;
  events: number;
}

export interface StoreStats {
  path: string;
  schemaVersion: number;
  journalMode: string;
  sessions: number;
  tasks: number;
  edges: number;
  events: number;
  lastSeq: number;
  /** Size of the database file plus its WAL, in bytes. */
  diskBytes: number;
}

/**
 * Synchronous by design: better-sqlite3 commits before a call returns, so a caller that
 * acknowledges after `append` acknowledges only what is on disk (see ADR 0006).
 */
export interface Store {
  readonly path: string;
  recordSession(info: SessionInfo): void;
  /** Upserts the task's latest state, and the edges to its parent and children. */
  recordTask(task: TaskInfo): void;
  /** Forgets the task's latest state and its edges; its events stay in the ledger. */
  removeTask(id: string): boolean;
  /** Returns the event's seq once committed. */
  append(event: AppendEvent): number;
  /** The columns the retention sweep decides on (server/store/retention-plan.ts). */
  retentionRows(): { sessions: SessionRow[]; tasks: TaskRow[] };
  /** Deletes the planned sessions and tasks with their events, in one transaction. */
  prune(plan: Pick<PrunePlan, 'sessionIds' | 'taskIds' | 'looseEventsBefore'>): PruneSummary;
  /** Many events in one transaction (one commit, one fsync-free WAL append). */
  appendMany(events: readonly AppendEvent[]): number[];
  /** Runs `fn` in one transaction (nested calls join it). */
  transaction<T>(fn: () => T): T;
  listTasks(filter?: TaskFilter): TaskInfo[];
  getTask(id: string): TaskInfo | undefined;
  /** Tasks that name `id` as parent (from the edges), oldest first. */
  childTasks(id: string): TaskInfo[];
  listSessions(filter?: SessionFilter): SessionInfo[];
  getSession(id: string): SessionInfo | undefined;
  events(filter?: EventFilter): StoredEvent[];
  /** One JSON event per line, in seq order, read with a cursor (never all in memory). */
  exportJsonl(write: (line: string) => void, options?: ExportOptions): ExportSummary;
  stats(): StoreStats;
  /** Idempotent. */
  close(): void;
}
