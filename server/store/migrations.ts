import type Database from 'better-sqlite3';

/**
 * Schema migrations, numbered and kept in code: the database's `PRAGMA user_version` is
 * the number of the last one applied. Each runs in its own transaction together with the
 * version bump, so a failure leaves the file at the previous version, never half-migrated.
 * Never edit a migration that has shipped; add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'latest state (sessions, tasks, edges) and the events ledger',
    up: (db) =>
      db.exec(`
        CREATE TABLE sessions (
          id          TEXT PRIMARY KEY,
          name        TEXT NOT NULL,
          command     TEXT NOT NULL,
          status      TEXT NOT NULL,
          created_at  INTEGER NOT NULL,
          exited_at   INTEGER,
          generation  INTEGER NOT NULL,
          info        TEXT NOT NULL
        );
        CREATE TABLE tasks (
          id          TEXT PRIMARY KEY,
          state       TEXT NOT NULL,
          agent       TEXT NOT NULL,
          parent_id   TEXT,
          session_id  TEXT,
          created_at  INTEGER NOT NULL,
          ended_at    INTEGER,
          info        TEXT NOT NULL
        );
        CREATE TABLE edges (
          parent TEXT NOT NULL,
          child  TEXT NOT NULL,
          PRIMARY KEY (parent, child)
        ) WITHOUT ROWID;
        -- AUTOINCREMENT: a seq is never reused, even if the newest rows were ever pruned,
        -- so "events after seq N" stays a correct cursor for an exporter.
        CREATE TABLE events (
          seq        INTEGER PRIMARY KEY AUTOINCREMENT,
          at         INTEGER NOT NULL,
          type       TEXT NOT NULL,
          session_id TEXT,
          task_id    TEXT,
          data       TEXT NOT NULL
        );
      `),
  },
  {
    version: 2,
    name: 'indexes for the history queries',
    up: (db) =>
      db.exec(`
        CREATE INDEX sessions_by_created ON sessions (created_at DESC);
        CREATE INDEX tasks_by_created ON tasks (created_at DESC);
        CREATE INDEX tasks_by_state ON tasks (state, created_at DESC);
        CREATE INDEX tasks_by_agent ON tasks (agent, created_at DESC);
        CREATE INDEX edges_by_child ON edges (child);
        CREATE INDEX events_by_task ON events (task_id, seq) WHERE task_id IS NOT NULL;
        CREATE INDEX events_by_session ON events (session_id, seq) WHERE session_id IS NOT NULL;
      `),
  },
];

export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the migrations newer than the file's version, in order. Refuses a file written by
 * a newer build (its tables may mean something this code does not know). Returns the
 * versions applied.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new SchemaTooNewError(`database schema is version ${current}; this build knows up to ${latest}`);
  }
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      // PRAGMA takes no bound parameters; the version is a number from this file.
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
