import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SessionInfo } from '../../protocol/session';
import { FINAL_TASK_STATES, type TaskInfo, type TaskState } from '../../protocol/task';
import type { PrunePlan, SessionRow, TaskRow } from './retention-plan';
import { toEventRow } from './event-input';
import { migrate, schemaVersion } from './migrations';
import { eventsQuery, sessionsQuery, tasksQuery, type Query } from './store-queries';
import type { AppendEvent, ExportOptions, ExportSummary, PruneSummary, Store, StoredEvent, StoreStats } from './store-types';

/**
 * The durable record: `<dataDir>/axiom.db`, SQLite through better-sqlite3.
 *
 * WAL mode: readers (the history page, an export) never block the writer, and a commit is
 * one append to the WAL instead of a rewrite of pages through a rollback journal.
 * synchronous=NORMAL: in WAL mode a commit is then not fsynced, only the checkpoints are.
 * The database can never be corrupted by that; what a power loss or OS crash (not a
 * crash of this process, whose writes are already in the OS) can lose is the last few
 * commits. For a console's history that is the right trade: a commit costs microseconds
 * instead of an fsync's milliseconds, on the same thread that serves the terminals.
 */
export const STORE_FILE_NAME = 'axiom.db';

const PRAGMAS = {
  /** A second console on the same data folder (or an external sqlite3 reading it) holds a
   * lock for moments at a time: wait that out instead of failing a write. */
  busyTimeoutMs: 5000,
} as const;

export interface OpenStoreOptions {
  dataDir: string;
  /** For tests: the clock that stamps events without `at`. */
  now?: () => number;
}

interface EventRowOut {
  seq: number;
  at: number;
  type: string;
  session_id: string | null;
  task_id: string | null;
  data: string;
}

/** Opens (creating and migrating if needed). Throws if the file is from a newer build. */
export function openStore(options: OpenStoreOptions): Store {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const path = join(options.dataDir, STORE_FILE_NAME);
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${PRAGMAS.busyTimeoutMs}`);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteStore(db, path, options.now ?? Date.now);
}

class SqliteStore implements Store {
  private readonly cache = new Map<string, Database.Statement>();
  private closed = false;
  private readonly insertEvent: Database.Statement;
  private readonly upsertSession: Database.Statement;
  private readonly upsertTask: Database.Statement;
  private readonly insertEdge: Database.Statement;
  private readonly appendAll: (events: readonly AppendEvent[]) => number[];

  constructor(private readonly db: Database.Database, readonly path: string, private readonly now: () => number) {
    this.insertEvent = db.prepare(
      'INSERT INTO events (at, type, session_id, task_id, data) VALUES (@at, @type, @session_id, @task_id, @data)',
    );
    this.upsertSession = db.prepare(`
      INSERT INTO sessions (id, name, command, status, created_at, exited_at, generation, info)
      VALUES (@id, @name, @command, @status, @created_at, @exited_at, @generation, @info)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, command = excluded.command, status = excluded.status,
        exited_at = excluded.exited_at, generation = excluded.generation, info = excluded.info`);
    this.upsertTask = db.prepare(`
      INSERT INTO tasks (id, state, agent, parent_id, session_id, created_at, ended_at, info)
      VALUES (@id, @state, @agent, @parent_id, @session_id, @created_at, @ended_at, @info)
      ON CONFLICT (id) DO UPDATE SET state = excluded.state, agent = excluded.agent, parent_id = excluded.parent_id,
        session_id = excluded.session_id, ended_at = excluded.ended_at, info = excluded.info`);
    this.insertEdge = db.prepare('INSERT OR IGNORE INTO edges (parent, child) VALUES (?, ?)');
    this.appendAll = db.transaction((events: readonly AppendEvent[]) => events.map((e) => this.append(e)));
  }

  recordSession(info: SessionInfo): void {
    this.upsertSession.run({
      id: info.id,
      name: info.name,
      command: info.command,
      status: info.status,
      created_at: info.createdAt,
      exited_at: info.exitedAt,
      generation: info.generation,
      info: JSON.stringify(info),
    });
  }

  recordTask(task: TaskInfo): void {
    this.transaction(() => {
      this.upsertTask.run({
        id: task.id,
        state: task.state,
        agent: task.agent,
        parent_id: task.parentId,
        session_id: task.sessionId,
        created_at: task.createdAt,
        ended_at: task.endedAt,
        info: JSON.stringify(task),
      });
      if (task.parentId !== null) this.insertEdge.run(task.parentId, task.id);
      for (const child of task.children) this.insertEdge.run(task.id, child);
    });
  }

  removeTask(id: string): boolean {
    return this.transaction(() => {
      this.statement('DELETE FROM edges WHERE parent = ? OR child = ?').run(id, id);
      return this.statement('DELETE FROM tasks WHERE id = ?').run(id).changes > 0;
    });
  }

  retentionRows(): { sessions: SessionRow[]; tasks: TaskRow[] } {
    const sessions = this.statement('SELECT id, created_at AS createdAt, exited_at AS exitedAt FROM sessions').all() as SessionRow[];
    const rows = this.statement('SELECT id, parent_id AS parentId, session_id AS sessionId, state, created_at AS createdAt, ended_at AS endedAt FROM tasks').all() as Array<
      Omit<TaskRow, 'final'> & { state: string }
    >;
    const tasks = rows.map(({ state, ...t }) => ({ ...t, final: FINAL_TASK_STATES.has(state as TaskState) }));
    return { sessions, tasks };
  }

  prune(plan: Pick<PrunePlan, 'sessionIds' | 'taskIds' | 'looseEventsBefore'>): PruneSummary {
    return this.transaction(() => {
      const summary: PruneSummary = { sessions: 0, tasks: 0, events: 0 };
      for (const id of plan.sessionIds) {
        summary.events += this.statement('DELETE FROM events WHERE session_id = ?').run(id).changes;
        summary.sessions += this.statement('DELETE FROM sessions WHERE id = ?').run(id).changes;
      }
      for (const id of plan.taskIds) {
        summary.events += this.statement('DELETE FROM events WHERE task_id = ?').run(id).changes;
        if (this.removeTask(id)) summary.tasks += 1;
      }
      if (plan.looseEventsBefore !== null) {
        summary.events += this.statement('DELETE FROM events WHERE session_id IS NULL AND task_id IS NULL AND at < ?').run(plan.looseEventsBefore).changes;
      }
      return summary;
    });
  }

  append(event: AppendEvent): number {
    return Number(this.insertEvent.run(toEventRow(event, this.now)).lastInsertRowid);
  }

  appendMany(events: readonly AppendEvent[]): number[] {
    return this.appendAll(events);
  }

  transaction<T>(fn: () => T): T {
    // better-sqlite3 turns a nested transaction into a savepoint, so helpers compose.
    return this.db.transaction(fn)();
  }

  listTasks(filter: Parameters<typeof tasksQuery>[0] = {}): TaskInfo[] {
    return this.infos<TaskInfo>(tasksQuery(filter));
  }

  getTask(id: string): TaskInfo | undefined {
    return this.infos<TaskInfo>({ sql: 'SELECT info FROM tasks WHERE id = ?', params: [id] })[0];
  }

  childTasks(id: string): TaskInfo[] {
    return this.infos<TaskInfo>({
      sql: 'SELECT t.info FROM edges e JOIN tasks t ON t.id = e.child WHERE e.parent = ? ORDER BY t.created_at, t.id',
      params: [id],
    });
  }

  listSessions(filter: Parameters<typeof sessionsQuery>[0] = {}): SessionInfo[] {
    return this.infos<SessionInfo>(sessionsQuery(filter));
  }

  getSession(id: string): SessionInfo | undefined {
    return this.infos<SessionInfo>({ sql: 'SELECT info FROM sessions WHERE id = ?', params: [id] })[0];
  }

  events(filter: Parameters<typeof eventsQuery>[0] = {}): StoredEvent[] {
    const q = eventsQuery(filter);
    const rows = this.statement(q.sql).all(...q.params) as EventRowOut[];
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      type: r.type,
      sessionId: r.session_id,
      taskId: r.task_id,
      data: JSON.parse(r.data) as unknown,
    }));
  }

  exportJsonl(write: (line: string) => void, options: ExportOptions = {}): ExportSummary {
    const after = options.afterSeq ?? 0;
    const until = options.untilSeq ?? Number.MAX_SAFE_INTEGER;
    const limit = options.limit ?? -1; // SQLite: a negative LIMIT means none
    const rows = this.statement('SELECT * FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?').iterate(after, until, limit);
    let count = 0;
    let lastSeq = after;
    for (const row of rows as IterableIterator<EventRowOut>) {
      // `data` is JSON we wrote ourselves: spliced in as is, not parsed and re-encoded.
      write(
        `{"seq":${row.seq},"at":${row.at},"type":${JSON.stringify(row.type)},"sessionId":${JSON.stringify(row.session_id)},` +
          `"taskId":${JSON.stringify(row.task_id)},"data":${row.data}}\n`,
      );
      count += 1;
      lastSeq = row.seq;
    }
    return { count, lastSeq };
  }

  stats(): StoreStats {
    const count = (table: string): number =>
      (this.statement(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const lastSeq = (this.statement('SELECT coalesce(max(seq), 0) AS n FROM events').get() as { n: number }).n;
    return {
      path: this.path,
      schemaVersion: schemaVersion(this.db),
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      sessions: count('sessions'),
      tasks: count('tasks'),
      edges: count('edges'),
      events: count('events'),
      lastSeq,
      diskBytes: fileSize(this.path) + fileSize(`${this.path}-wal`),
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cache.clear();
    this.db.close();
  }

  private infos<T>(q: Query): T[] {
    const rows = this.statement(q.sql).all(...q.params) as { info: string }[];
    return rows.map((r) => JSON.parse(r.info) as T);
  }

  /** Prepared once per distinct SQL text (the filters make a handful of variants). */
  private statement(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch (error) {
    // No WAL file between checkpoints is normal: it simply has no size.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}
