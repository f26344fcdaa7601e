import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionId } from '../../protocol/ids';
import { err, ok, type Result } from '../../protocol/result';
import type { SessionInfo } from '../../protocol/session';
import { untouchedTaskFields, type CreateTaskRequest, type TaskId, type TaskInfo, type TaskState } from '../../protocol/task';
import { quietLogger } from '../logger';
import { openStore } from '../store/store';
import type { Store } from '../store/store-types';
import { rehydrateTasks } from './rehydrate-tasks';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function store(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'axiom-rehydrate-'));
  dirs.push(dir);
  return openStore({ dataDir: dir });
}

function task(id: string, state: TaskState, sessionId: string | null, createdAt: number): TaskInfo {
  return {
    ...untouchedTaskFields(),
    id: id as TaskId, name: id, prompt: `do ${id}`, agent: 'shell', state,
    sessionId: sessionId as SessionId | null, createdAt, startedAt: createdAt, attempts: 1,
  };
}

function session(id: string, status: SessionInfo['status']): SessionInfo {
  return {
    id: id as SessionId, name: id, command: 'bash', args: [], cwd: '/', status, pid: 1234, exitCode: status === 'exited' ? 0 : null,
    signal: null, cols: 80, rows: 24, interruptKey: 'ctrl-c', createdAt: 1, exitedAt: status === 'exited' ? 50 : null, generation: 1, outputBytes: 0,
  };
}

describe('rehydrateTasks', () => {
  it('adopts tasks whose session is live (oldest first, with the ledger request) and ends the rest', () => {
    const s = store();
    const open = [
      task('t-live01', 'busy', 's-live01', 2),
      task('t-parent', 'idle', 's-parent', 1),
      task('t-exited', 'idle', 's-exited', 3),
      task('t-gone00', 'busy', 's-gone00', 4),
      task('t-queued', 'queued', null, 5),
      task('t-done00', 'exited', 's-done00', 0),
    ];
    for (const t of open) s.recordTask(t);
    s.append({ type: 'task.created', taskId: 't-live01', data: { request: { prompt: 'from the ledger', agent: 'shell', check: 'true' } } });
    const adopted: Array<[string, CreateTaskRequest]> = [];
    const summary = rehydrateTasks({
      store: s,
      tasks: {
        adopt: (t: TaskInfo, request: CreateTaskRequest): Result<TaskInfo> => {
          adopted.push([t.id, request]);
          return t.id === 't-parent' || t.id === 't-live01' ? ok(t) : err('invalid:payload', 'no');
        },
      },
      sessions: [session('s-live01', 'running'), session('s-parent', 'running'), session('s-exited', 'exited')],
      log: quietLogger,
      now: () => 99,
    });
    expect(summary).toEqual({ adopted: 2, ended: 3 });
    expect(adopted.map(([id]) => id)).toEqual(['t-parent', 't-live01']);
    expect(adopted[1]?.[1]).toMatchObject({ prompt: 'from the ledger', check: 'true' });
    expect(adopted[0]?.[1]).toMatchObject({ prompt: 'do t-parent', agent: 'shell' });
    expect(s.getTask('t-exited')).toMatchObject({ state: 'exited', endedAt: 50 });
    expect(s.getTask('t-gone00')).toMatchObject({ state: 'failed', endedAt: 99, error: { code: 'failed:internal', message: 'lost with the pty host' } });
    expect(s.getTask('t-queued')).toMatchObject({ state: 'failed', error: { message: 'the console stopped before it started' } });
    expect(s.getTask('t-done00')?.state).toBe('exited');
    expect(s.events({ taskId: 't-gone00' }).map((e) => e.type)).toEqual(['task.state']);
    s.close();
  });
});
