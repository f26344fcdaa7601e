import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, SchemaTooNewError, schemaVersion, type Migration } from './migrations';
import { openStore, STORE_FILE_NAME } from './store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'axiom-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const dbPath = (): string => join(dir, STORE_FILE_NAME);
const indexNames = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );

describe('migrations', () => {
  it('are numbered 1, 2, … without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('bring a version-1 database (written by an older build) up to date, keeping its rows', () => {
    const old = new Database(dbPath());
    migrate(old, MIGRATIONS.slice(0, 1));
    expect(schemaVersion(old)).toBe(1);
    old.prepare("INSERT INTO events (at, type, data) VALUES (7, 'task.created', '{\"old\":true}')").run();
    old
      .prepare("INSERT INTO tasks (id, state, agent, created_at, info) VALUES ('t-old000', 'exited', 'shell', 1, ?)")
      .run(JSON.stringify({ id: 't-old000', state: 'exited' }));
    expect(indexNames(old)).toEqual([]);
    old.close();

    const store = openStore({ dataDir: dir });
    try {
      expect(store.stats()).toMatchObject({ schemaVersion: MIGRATIONS.length, events: 1, tasks: 1 });
      expect(store.events()[0]).toMatchObject({ seq: 1, type: 'task.created', data: { old: true } });
      expect(store.listTasks({ state: 'exited' }).map((t) => t.id)).toEqual(['t-old000']);
      // New rows continue the old sequence.
      expect(store.append({ type: 'task.state', data: null })).toBe(2);
    } finally {
      store.close();
    }
    const check = new Database(dbPath(), { readonly: true });
    expect(indexNames(check)).toContain('tasks_by_state');
    check.close();
  });

  it('roll a failing migration back whole, leaving the previous version', () => {
    const db = new Database(dbPath());
    const broken: Migration[] = [
      ...MIGRATIONS.slice(0, 1),
      {
        version: 2,
        name: 'half-done',
        up: (d) => d.exec('CREATE TABLE half (x); CREATE INDEX nope ON missing_table (x);'),
      },
    ];
    expect(() => migrate(db, broken)).toThrow(/missing_table/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuse a database from a newer build', () => {
    const db = new Database(dbPath());
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openStore({ dataDir: dir })).toThrow(SchemaTooNewError);
  });

  it('apply nothing to an up-to-date database', () => {
    openStore({ dataDir: dir }).close();
    const db = new Database(dbPath());
    expect(migrate(db)).toEqual([]);
    db.close();
  });
});
