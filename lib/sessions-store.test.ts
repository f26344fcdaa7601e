import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../protocol/session';
import { SessionsStore } from './sessions-store';

const info = (id: string, createdAt: number, patch: Partial<SessionInfo> = {}): SessionInfo => ({
  id: id as SessionInfo['id'],
  name: id,
  command: 'bash',
  args: [],
  cwd: '/',
  status: 'running',
  pid: 1,
  exitCode: null,
  signal: null,
  cols: 80,
  rows: 24,
  interruptKey: 'ctrl-c',
  createdAt,
  exitedAt: null,
  generation: 0,
  outputBytes: 0,
  ...patch,
});

describe('SessionsStore', () => {
  it('keeps sessions oldest first and notifies only on change', () => {
    const store = new SessionsStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.replaceAll([info('s-bbbbbb', 2), info('s-aaaaaa', 1)]);
    expect(store.getSnapshot().map((s) => s.id)).toEqual(['s-aaaaaa', 's-bbbbbb']);
    const before = store.getSnapshot();
    store.upsert(info('s-aaaaaa', 1));
    expect(store.getSnapshot()).toBe(before);
    store.upsert(info('s-aaaaaa', 1, { status: 'exited', exitCode: 0 }));
    expect(store.get('s-aaaaaa')?.status).toBe('exited');
    store.remove('s-bbbbbb');
    store.remove('s-bbbbbb');
    expect(store.getSnapshot()).toHaveLength(1);
    expect(calls).toBe(3);
  });
});
