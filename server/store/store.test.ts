import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_LIMITS, InvalidEventError } from './event-input';
import { MIGRATIONS } from './migrations';
import { openStore, STORE_FILE_NAME } from './store';
import type { Store } from './store-types';
import { sessionInfo, taskInfo } from './testing/fixtures';

let dir: string;
let store: Store | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'axiom-store-'));
});
afterEach(() => {
  store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const open = (): Store => {
  store = openStore({ dataDir: dir, now: () => 1000 });
  return store;
};

describe('openStore', () => {
  it('creates axiom.db in WAL mode at the latest schema version', () => {
    const s = open();
    const stats = s.stats();
    expect(s.path).toBe(join(dir, STORE_FILE_NAME));
    expect(stats.journalMode).toBe('wal');
    expect(stats.schemaVersion).toBe(MIGRATIONS.at(-1)?.version);
    expect(stats).toMatchObject({ sessions: 0, tasks: 0, edges: 0, events: 0, lastSeq: 0 });
  });

  it('keeps everything across close and reopen', () => {
    const s = open();
    s.recordSession(sessionInfo('s-aaaaaa'));
    s.recordTask(taskInfo('t-parent', { children: ['t-child1' as never] }));
    s.recordTask(taskInfo('t-child1', { parentId: 't-parent' as never, createdAt: 1_700_000_000_001 }));
    const seq = s.append({ type: 'task.created', taskId: 't-parent', data: { prompt: 'é漢字🙂' } });
    s.close();
    const again = open();
    expect(again.getSession('s-aaaaaa')?.command).toBe('/bin/bash');
    expect(again.childTasks('t-parent').map((t) => t.id)).toEqual(['t-child1']);
    expect(again.events()).toEqual([
      { seq, at: 1000, type: 'task.created', sessionId: null, taskId: 't-parent', data: { prompt: 'é漢字🙂' } },
    ]);
    expect(again.stats()).toMatchObject({ tasks: 2, edges: 1, events: 1, lastSeq: seq });
  });
});

describe('tasks and sessions', () => {
  it('upserts the latest state and filters by state and agent, newest first', () => {
    const s = open();
    s.recordTask(taskInfo('t-one111', { state: 'busy', agent: 'claude', createdAt: 1 }));
    s.recordTask(taskInfo('t-two222', { state: 'busy', agent: 'shell', createdAt: 2 }));
    s.recordTask(taskInfo('t-one111', { state: 'exited', agent: 'claude', endedAt: 5, createdAt: 1 }));
    expect(s.listTasks().map((t) => t.id)).toEqual(['t-two222', 't-one111']);
    expect(s.listTasks({ state: 'busy' }).map((t) => t.id)).toEqual(['t-two222']);
    expect(s.listTasks({ agent: 'claude' }).map((t) => [t.id, t.state, t.endedAt])).toEqual([['t-one111', 'exited', 5]]);
    expect(s.listTasks({ state: 'busy', agent: 'claude' })).toEqual([]);
    expect(s.listTasks({ limit: 1 })).toHaveLength(1);
    expect(s.getTask('t-nope00')).toBeUndefined();
  });

  it('filters by the verification verdict, with "none" for a task never verified', () => {
    const s = open();
    const verdict = (state: 'verified' | 'needs-work') => ({ state, reason: 'r', attempt: 1, retriesAllowed: 0, retriesUsed: 0 });
    s.recordTask(taskInfo('t-good11', { createdAt: 1, verification: verdict('verified') }));
    s.recordTask(taskInfo('t-bad222', { createdAt: 2, verification: verdict('needs-work') }));
    s.recordTask(taskInfo('t-none33', { createdAt: 3 }));
    s.recordTask(taskInfo('t-good44', { createdAt: 4, agent: 'claude', verification: verdict('verified') }));
    expect(s.listTasks({ verification: 'verified' }).map((t) => t.id)).toEqual(['t-good44', 't-good11']);
    expect(s.listTasks({ verification: 'needs-work' }).map((t) => t.id)).toEqual(['t-bad222']);
    expect(s.listTasks({ verification: 'none' }).map((t) => t.id)).toEqual(['t-none33']);
    expect(s.listTasks({ verification: 'verified', agent: 'shell' }).map((t) => t.id)).toEqual(['t-good11']);
    expect(s.listTasks({ verification: 'verified', limit: 1 }).map((t) => t.id)).toEqual(['t-good44']);
  });

  it('removeTask forgets the row and its edges but not its events', () => {
    const s = open();
    s.recordTask(taskInfo('t-parent'));
    s.recordTask(taskInfo('t-child1', { parentId: 't-parent' as never }));
    s.append({ type: 'task.removed', taskId: 't-child1', data: null });
    expect(s.removeTask('t-child1')).toBe(true);
    expect(s.removeTask('t-child1')).toBe(false);
    expect(s.childTasks('t-parent')).toEqual([]);
    expect(s.events({ taskId: 't-child1' })).toHaveLength(1);
  });

  it('lists sessions with their latest info, filtered by status', () => {
    const s = open();
    s.recordSession(sessionInfo('s-aaaaaa', { createdAt: 1 }));
    s.recordSession(sessionInfo('s-bbbbbb', { createdAt: 2 }));
    s.recordSession(sessionInfo('s-aaaaaa', { createdAt: 1, status: 'exited', exitCode: 0, exitedAt: 9 }));
    expect(s.listSessions().map((x) => x.id)).toEqual(['s-bbbbbb', 's-aaaaaa']);
    expect(s.listSessions({ status: 'exited' }).map((x) => [x.id, x.exitCode])).toEqual([['s-aaaaaa', 0]]);
  });
});

describe('the events ledger', () => {
  it('appends with increasing seqs and reads by task, session and cursor', () => {
    const s = open();
    const seqs = s.appendMany([
      { type: 'task.created', taskId: 't-a00000', data: { n: 1 } },
      { type: 'session.created', sessionId: 's-b00000', taskId: 't-a00000', data: { n: 2 }, at: 5 },
      { type: 'task.state', taskId: 't-c00000', data: { n: 3 } },
    ]);
    expect(seqs).toEqual([1, 2, 3]);
    expect(s.events({ taskId: 't-a00000' }).map((e) => e.seq)).toEqual([1, 2]);
    expect(s.events({ sessionId: 's-b00000' })[0]).toMatchObject({ at: 5, type: 'session.created', data: { n: 2 } });
    expect(s.events({ afterSeq: 1, limit: 1 }).map((e) => e.seq)).toEqual([2]);
  });

  it('refuses a malformed type, and a bulk append with one is not committed at all', () => {
    const s = open();
    for (const type of ['', 'Task.Created', 'task created', 'task.', `a.${'x'.repeat(80)}`]) {
      expect(() => s.append({ type, data: null })).toThrow(InvalidEventError);
    }
    expect(() => s.appendMany([{ type: 'ok.one', data: 1 }, { type: 'BAD', data: 2 }])).toThrow(InvalidEventError);
    expect(s.stats().events).toBe(0);
  });

  it('replaces an oversized payload by a truncation note', () => {
    const s = open();
    const seq = s.append({ type: 'task.prompt', data: { text: 'x'.repeat(EVENT_LIMITS.maxDataBytes) } });
    const [event] = s.events({ afterSeq: seq - 1 });
    expect(event?.data).toMatchObject({ truncated: true, bytes: EVENT_LIMITS.maxDataBytes + 11 });
  });

  it('exports one JSON event per line in seq order, with paging by cursor', () => {
    const s = open();
    s.appendMany([1, 2, 3, 4].map((n) => ({ type: 'task.state', taskId: 't-x00000', data: { n, s: 'é"\n' } })));
    const lines: string[] = [];
    const summary = s.exportJsonl((line) => lines.push(line));
    expect(summary).toEqual({ count: 4, lastSeq: 4 });
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    const parsed = lines.map((l) => JSON.parse(l) as { seq: number; data: { n: number; s: string } });
    expect(parsed.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(parsed[0]).toEqual({ seq: 1, at: 1000, type: 'task.state', sessionId: null, taskId: 't-x00000', data: { n: 1, s: 'é"\n' } });
    const page: string[] = [];
    expect(s.exportJsonl((l) => page.push(l), { afterSeq: 1, untilSeq: 3 })).toEqual({ count: 2, lastSeq: 3 });
  });

  it('is visible to a second connection as soon as append returns (committed)', () => {
    const s = open();
    const seq = s.append({ type: 'task.created', data: { ok: true } });
    const reader = new Database(join(dir, STORE_FILE_NAME), { readonly: true });
    try {
      expect(reader.prepare('SELECT type FROM events WHERE seq = ?').get(seq)).toEqual({ type: 'task.created' });
    } finally {
      reader.close();
    }
  });
});
