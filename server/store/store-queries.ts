import type { EventFilter, SessionFilter, TaskFilter } from './store-types';

/**
 * SQL for the filtered lists. Pure: builds text and parameters, never values spliced in.
 * Each filter combination gives one fixed SQL text, so the store prepares it once and
 * reuses it, and each uses an index (migration 2) rather than a scan.
 */
export interface Query {
  sql: string;
  params: (string | number)[];
}

export const LIST_LIMITS = {
  /** A page of the history list: more than a screen, few enough to render at once. */
  defaultRows: 200,
  maxRows: 1000,
  /** Events per read: a task's whole life fits; an export pages through the ledger. */
  defaultEvents: 1000,
  maxEvents: 10_000,
} as const;

export function clampLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(Math.max(1, Math.floor(limit)), max);
}

export function tasksQuery(filter: TaskFilter): Query {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.state !== undefined) {
    where.push('state = ?');
    params.push(filter.state);
  }
  if (filter.agent !== undefined) {
    where.push('agent = ?');
    params.push(filter.agent);
  }
  // The verdict lives in the row's JSON: no index, so this one walks the newest-first index
  // and stops at the limit. History tables are pruned (retention), so the walk stays short.
  if (filter.verification === 'none') {
    where.push("json_extract(info, '$.verification') IS NULL");
  } else if (filter.verification !== undefined) {
    where.push("json_extract(info, '$.verification.state') = ?");
    params.push(filter.verification);
  }
  params.push(clampLimit(filter.limit, LIST_LIMITS.defaultRows, LIST_LIMITS.maxRows));
  return { sql: `SELECT info FROM tasks${whereClause(where)} ORDER BY created_at DESC, id LIMIT ?`, params };
}

export function sessionsQuery(filter: SessionFilter): Query {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.status !== undefined) {
    where.push('status = ?');
    params.push(filter.status);
  }
  params.push(clampLimit(filter.limit, LIST_LIMITS.defaultRows, LIST_LIMITS.maxRows));
  return { sql: `SELECT info FROM sessions${whereClause(where)} ORDER BY created_at DESC, id LIMIT ?`, params };
}

export function eventsQuery(filter: EventFilter): Query {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.taskId !== undefined) {
    where.push('task_id = ?');
    params.push(filter.taskId);
  }
  if (filter.sessionId !== undefined) {
    where.push('session_id = ?');
    params.push(filter.sessionId);
  }
  if (filter.afterSeq !== undefined) {
    where.push('seq > ?');
    params.push(Math.max(0, Math.floor(filter.afterSeq)));
  }
  params.push(clampLimit(filter.limit, LIST_LIMITS.defaultEvents, LIST_LIMITS.maxEvents));
  return { sql: `SELECT * FROM events${whereClause(where)} ORDER BY seq LIMIT ?`, params };
}

function whereClause(parts: readonly string[]): string {
  return parts.length === 0 ? '' : ` WHERE ${parts.join(' AND ')}`;
}
