import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castOutputText, parseCast } from '../../protocol/asciicast';
import type { Result } from '../../protocol/result';
import type { SessionInfo } from '../../protocol/session';
import type { TaskId } from '../../protocol/task';
import { taskInfo } from '../store/testing/fixtures';
import type { StoredEvent } from '../store/store-types';
import { rawRequest, startTestConsole, TEST_TOKEN, waitFor, type RawResponse, type TestConsole } from './test-console';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole();
});
afterAll(async () => {
  await c.stop();
});

function get(path: string, headers: Record<string, string> = { authorization: `Bearer ${TEST_TOKEN}` }): Promise<RawResponse> {
  return rawRequest({ port: c.port, path, headers: { host: c.hostHeader, ...headers } });
}

function valueOf<T>(res: RawResponse): T {
  const result = res.json as Result<T>;
  if (!result.ok) throw new Error(`${res.status} ${result.error.code}: ${result.error.message}`);
  return result.value;
}
const codeOf = (res: RawResponse): string => (res.json as { error?: { code: string } }).error?.code ?? 'ok';

async function runSession(command: string, args: string[]): Promise<SessionInfo> {
  const res = await rawRequest({
    port: c.port,
    method: 'POST',
    path: '/api/sessions',
    headers: { host: c.hostHeader, authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ command, args, name: 'history-test' }),
  });
  const info = valueOf<SessionInfo>(res);
  await waitFor(async () => (valueOf<SessionInfo>(await get(`/api/sessions/${info.id}`)).status === 'exited' ? true : undefined), 10_000, 'exit');
  return info;
}

describe('history REST API (real server, real PTYs, real store)', () => {
  it('lists past sessions and serves each one’s events and recording', async () => {
    const info = await runSession('/bin/sh', ['-c', 'echo "known line ✓ 漢字"']);
    const sessions = await waitFor(async () => {
      const list = valueOf<SessionInfo[]>(await get('/api/history/sessions?status=exited'));
      return list.some((s) => s.id === info.id) ? list : undefined;
    }, 5000, 'stored session');
    expect(sessions.find((s) => s.id === info.id)).toMatchObject({ status: 'exited', exitCode: 0 });

    const detail = valueOf<{ session: SessionInfo; events: StoredEvent[]; recordingBytes: number | null }>(
      await get(`/api/history/sessions/${info.id}`),
    );
    expect(detail.events.map((e) => e.type)).toEqual(['session.created', 'session.exited']);
    expect(detail.recordingBytes).toBeGreaterThan(0);

    const cast = await get(`/api/recordings/${info.id}.cast`);
    expect(cast.status).toBe(200);
    expect(cast.headers['content-type']).toBe('application/x-asciicast');
    expect(cast.headers['content-disposition']).toBeUndefined();
    expect(castOutputText(parseCast(cast.text)?.events ?? [])).toContain('known line ✓ 漢字\r\n');

    const download = await get(`/api/recordings/${info.id}.cast?download=1`);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${info.id}.cast"`);
  });

  it('answers 404 for unknown recordings, sessions and tasks, and 400 for bad filters', async () => {
    expect(codeOf(await get('/api/recordings/s-nosuch000.cast'))).toBe('not_found:recording');
    expect(codeOf(await get('/api/recordings/..%2Fconsole.json'))).toBe('not_found:recording');
    expect((await get('/api/recordings/s-nosuch000.cast')).status).toBe(404);
    expect(codeOf(await get('/api/history/sessions/s-nosuch000'))).toBe('not_found:session');
    expect(codeOf(await get('/api/history/tasks/t-nosuch000'))).toBe('not_found:task');
    expect(codeOf(await get('/api/history/tasks?state=sleeping'))).toBe('invalid:payload');
    expect(codeOf(await get('/api/history/tasks?limit=0'))).toBe('invalid:payload');
    expect(codeOf(await get('/api/history/tasks?verification=probably'))).toBe('invalid:payload');
  });

  it('needs the token like every /api/ route', async () => {
    expect((await get('/api/history/tasks', {})).status).toBe(401);
    expect((await get('/api/export.jsonl', {})).status).toBe(401);
  });

  it('serves tasks written by the task layer: filtered lists and one task with its events and children', async () => {
    c.store.recordTask(taskInfo('t-hparent', { state: 'exited', agent: 'claude', children: ['t-hchild1' as TaskId] }));
    c.store.recordTask(taskInfo('t-hchild1', { state: 'busy', agent: 'shell', parentId: 't-hparent' as TaskId, createdAt: 1_700_000_000_100 }));
    c.store.append({ type: 'task.created', taskId: 't-hparent', data: { prompt: 'p' } });
    c.store.append({ type: 'task.state', taskId: 't-hparent', data: { state: 'exited' } });

    expect(valueOf<{ id: string }[]>(await get('/api/history/tasks')).map((t) => t.id)).toEqual(['t-hchild1', 't-hparent']);
    expect(valueOf<{ id: string }[]>(await get('/api/history/tasks?state=exited&agent=claude')).map((t) => t.id)).toEqual(['t-hparent']);
    expect(valueOf<unknown[]>(await get('/api/history/tasks?agent=codex'))).toEqual([]);
    c.store.recordTask(taskInfo('t-hparent', { state: 'exited', agent: 'claude', children: ['t-hchild1' as TaskId], verification: { state: 'needs-work', reason: 'no file changed in the workspace', attempt: 1, retriesAllowed: 0, retriesUsed: 0 } }));
    expect(valueOf<{ id: string }[]>(await get('/api/history/tasks?verification=needs-work')).map((t) => t.id)).toEqual(['t-hparent']);
    expect(valueOf<{ id: string }[]>(await get('/api/history/tasks?verification=none')).map((t) => t.id)).toEqual(['t-hchild1']);
    expect(valueOf<unknown[]>(await get('/api/history/tasks?verification=verified'))).toEqual([]);
    const one = valueOf<{ task: { id: string }; events: StoredEvent[]; children: { id: string }[] }>(await get('/api/history/tasks/t-hparent'));
    expect(one.task.id).toBe('t-hparent');
    expect(one.events.map((e) => e.type)).toEqual(['task.created', 'task.state']);
    expect(one.children.map((t) => t.id)).toEqual(['t-hchild1']);
    expect(valueOf<{ parent: unknown }>(await get('/api/history/tasks/t-hparent')).parent).toBeNull();
    // A child names its parent, so the history page shows a name, not an id.
    expect(valueOf<{ parent: unknown }>(await get('/api/history/tasks/t-hchild1')).parent).toEqual({ id: 't-hparent', name: expect.any(String) });
  });

  it('streams the whole ledger as JSON lines in seq order', async () => {
    const before = c.store.stats().lastSeq;
    c.store.appendMany(Array.from({ length: 4500 }, (_, i) => ({ type: 'bench.tick', data: { i } })));
    const res = await get('/api/export.jsonl');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = res.text.split('\n').filter((l) => l !== '');
    const seqs = lines.map((l) => (JSON.parse(l) as { seq: number }).seq);
    expect(seqs.length).toBe(before + 4500);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const tail = await get(`/api/export.jsonl?afterSeq=${before + 4499}`);
    expect(tail.text.trim().split('\n').map((l) => JSON.parse(l) as { data: { i: number } })).toEqual([
      expect.objectContaining({ type: 'bench.tick', data: { i: 4499 } }),
    ]);
  });
});
