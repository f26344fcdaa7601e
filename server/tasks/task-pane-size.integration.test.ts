import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events';
import type { Result } from '../../protocol/result';
import type { SessionInfo } from '../../protocol/session';
import type { TaskCreated } from '../../protocol/task';
import { consoleSocketOptions } from '../../protocol/socket-parser';
import { TEST_TOKEN } from '../transport/test-console';
import { consoleForFile } from './testing/task-api';

/**
 * A new task's agent starts at the size a browser last fitted a task's pane to, not at a
 * default it would be resized from a moment later (an agent CLI redraws on that resize,
 * and its first drawing, reflowed, stays above as broken lines). Real console, real
 * socket.io client standing in for the browser's fit.
 */
const suite = consoleForFile();
const { api } = suite;
const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
afterAll(() => {
  for (const s of sockets) s.disconnect();
});

const shellTask = () => api.value<TaskCreated>(api.call('POST', '/api/tasks', { prompt: 'echo sized', agent: 'shell' }));
const sizeOf = async (sessionId: string | null) => {
  const s = await api.value<SessionInfo>(api.call('GET', `/api/sessions/${sessionId ?? ''}`));
  return [s.cols, s.rows];
};

async function browserFit(id: string, cols: number, rows: number): Promise<void> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(suite.console.origin, {
    ...consoleSocketOptions(),
    extraHeaders: { authorization: `Bearer ${TEST_TOKEN}` },
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  const reply = await new Promise<Result<SessionInfo>>((resolve) => socket.emit('session:resize', { id, cols, rows }, resolve));
  expect(reply.ok).toBe(true);
}

describe('the size a new agent starts at', () => {
  it('is the size a browser last fitted a task pane to; a plain session\'s pane does not count', async () => {
    const first = await shellTask();
    // No browser has fitted a task pane yet: the default.
    expect(await sizeOf(first.sessionId)).toEqual([120, 34]);
    await browserFit(first.sessionId ?? '', 61, 17);
    const plain = await api.value<SessionInfo>(api.call('POST', '/api/sessions', { command: 'sh', name: 'plain' }));
    await browserFit(plain.id, 99, 9);
    const second = await shellTask();
    expect(await sizeOf(second.sessionId)).toEqual([61, 17]);
  });
});
