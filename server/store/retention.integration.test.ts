import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../protocol/session';
import type { TaskInfo } from '../../protocol/task';
import { recordingsDir } from '../recording/recorder';
import { rawRequest, startTestConsole, TEST_TOKEN, waitFor, type TestConsole } from '../transport/test-console';
import { openStore } from './store';
import { sessionInfo, taskInfo } from './testing/fixtures';

/**
 * The retention sweep on a real console start: a data folder a previous console left
 * (SQLite store, recording files) is trimmed to the policy before anyone looks at it.
 */
const DAY = 24 * 60 * 60 * 1000;
const now = Date.now();
const MiB = 1024 * 1024;
let c: TestConsole;

function seed(dataDir: string): void {
  const store = openStore({ dataDir });
  const exited = (id: string, daysAgo: number): SessionInfo =>
    sessionInfo(id, { status: 'exited', exitCode: 0, createdAt: now - (daysAgo + 1) * DAY, exitedAt: now - daysAgo * DAY });
  store.recordSession(exited('s-old001', 40));
  store.recordSession(exited('s-new001', 2));
  store.recordSession(exited('s-big001', 3));
  store.recordSession(exited('s-big002', 4));
  const ended = (id: string, daysAgo: number, extra: Partial<TaskInfo> = {}): TaskInfo =>
    taskInfo(id, { state: 'exited', createdAt: now - (daysAgo + 1) * DAY, endedAt: now - daysAgo * DAY, ...extra });
  store.recordTask(ended('t-oldroot', 40, { children: ['t-oldkid' as TaskInfo['id']] }));
  store.recordTask(ended('t-oldkid', 41, { parentId: 't-oldroot' as TaskInfo['id'], sessionId: 's-old001' as TaskInfo['sessionId'] }));
  store.recordTask(ended('t-new001', 1));
  store.append({ type: 'session.exited', sessionId: 's-old001', data: null, at: now - 40 * DAY });
  store.append({ type: 'task.state', taskId: 't-oldroot', data: null, at: now - 40 * DAY });
  store.append({ type: 'session.exited', sessionId: 's-new001', data: null, at: now - 2 * DAY });
  store.close();
  const dir = recordingsDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const cast = (id: string, bytes: number, daysAgo: number): void => {
    const path = join(dir, `${id}.cast`);
    writeFileSync(path, Buffer.alloc(bytes, 0x20));
    const t = new Date(now - daysAgo * DAY);
    utimesSync(path, t, t);
  };
  cast('s-old001', 1024, 40);
  cast('s-new001', 1024, 2);
  cast('s-big002', 3 * MiB, 4);
  cast('s-big001', 3 * MiB, 3);
}


const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
  const r = await rawRequest({ port: c.port, method: 'GET', path, headers: { host: c.hostHeader, authorization: `Bearer ${TEST_TOKEN}` } });
  return { status: r.status, body: r.json as T };
};

beforeAll(async () => {
  c = await startTestConsole({ AXIOM_RETENTION_DAYS: '30', AXIOM_RECORDINGS_MAX_TOTAL_BYTES: String(4 * MiB) }, {}, { prepare: seed });
});
afterAll(async () => {
  await c.stop();
});

describe('retention at start', () => {
  it('deletes sessions, task trees, events and recordings past the age, then the oldest recordings past the disk cap', async () => {
    const dir = recordingsDir(c.dataDir);
    await waitFor(async () => (existsSync(join(dir, 's-old001.cast')) ? undefined : true), 10_000, 'the old recording to go');
    const sessions = (await get<{ value: SessionInfo[] }>('/api/history/sessions')).body;
    expect(JSON.stringify(sessions)).not.toContain('s-old001');
    expect(JSON.stringify(sessions)).toContain('s-new001');
    const tasks = JSON.stringify((await get<unknown>('/api/history/tasks')).body);
    expect(tasks).not.toContain('t-oldroot');
    expect(tasks).not.toContain('t-oldkid');
    expect(tasks).toContain('t-new001');
    expect((await get('/api/history/sessions/s-old001')).status).toBe(404);
    // 6 MiB of recent recordings against a 4 MiB cap: the older big one goes; its history stays.
    expect(existsSync(join(dir, 's-big002.cast'))).toBe(false);
    expect(existsSync(join(dir, 's-big001.cast'))).toBe(true);
    expect(existsSync(join(dir, 's-new001.cast'))).toBe(true);
    expect((await get('/api/history/sessions/s-big002')).status).toBe(200);
    expect((await get('/api/recordings/s-big002.cast')).status).toBe(404);
    // The events of what was deleted went with it; the rest stayed.
    const store = openStore({ dataDir: c.dataDir });
    try {
      const events = store.events({ limit: 1000 });
      expect(events.some((e) => e.sessionId === 's-old001' || e.taskId === 't-oldroot')).toBe(false);
      expect(events.some((e) => e.sessionId === 's-new001')).toBe(true);
    } finally {
      store.close();
    }
  });
});
