import { io as connect, type Socket } from 'socket.io-client';
import { consoleSocketOptions } from '../../protocol/socket-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PromptReceipt } from '../../protocol/agent';
import type { PaneClaimReply, PaneHold } from '../../protocol/arbitration';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events';
import type { Result } from '../../protocol/result';
import type { TaskCreated, TaskInfo } from '../../protocol/task';
import { delivered as allDelivered, taskApi } from '../tasks/testing/task-api';
import { startTestConsole, TEST_TOKEN, waitFor, type TestConsole } from './test-console';

/**
 * Arbitration end to end on a real console: a browser socket claims a task's pane, a
 * prompt sent through the REST API (as an agent over MCP would) waits in the task's queue
 * and does not reach the agent (bash) until the claim ends, by release or by disconnect.
 */
type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let c: TestConsole;
let api: ReturnType<typeof taskApi>;
const opened: ClientSocket[] = [];
beforeAll(async () => {
  c = await startTestConsole();
  api = taskApi(c);
});
afterEach(async () => {
  for (const s of opened.splice(0)) s.disconnect();
  for (const t of await api.value<TaskInfo[]>(api.call('GET', '/api/tasks'))) await api.call('DELETE', `/api/tasks/${t.id}`);
});
afterAll(async () => {
  await c.stop();
});

async function browser(): Promise<{ socket: ClientSocket; holds: PaneHold[] }> {
  const socket: ClientSocket = connect(c.origin, {
    ...consoleSocketOptions(TEST_TOKEN),
    reconnection: false,
    forceNew: true,
  });
  opened.push(socket);
  const holds: PaneHold[] = [];
  socket.on('pane:held', (hold) => holds.push(hold));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, holds };
}

function claim(socket: ClientSocket, req: unknown): Promise<Result<PaneClaimReply>> {
  return new Promise((resolve) => socket.emit('pane:claim', req as { id: string; claimed: boolean }, resolve));
}

/** A bash task that has run its first prompt and sits idle at its prompt. */
async function idleShellTask(): Promise<{ id: string; sessionId: string }> {
  const created = await api.value<TaskCreated>(api.call('POST', '/api/tasks', { prompt: 'echo ready', agent: 'shell' }));
  const idle = await api.waitState(created.id, 'idle', 15_000, allDelivered);
  if (idle.sessionId === null) throw new Error('no session');
  return { id: idle.id, sessionId: idle.sessionId };
}

const prompt = (id: string, text: string) => api.value<PromptReceipt>(api.call('POST', `/api/tasks/${id}/prompt`, { text, mode: 'now' }));

/** Waits for the receipt to be final and the command's output (`marker`) on screen. */
async function delivered(task: { id: string; sessionId: string }, receiptId: string, marker: string): Promise<PromptReceipt | undefined> {
  const done = await api.waitState(task.id, ['idle', 'busy'], 10_000, (t) => t.queue.length === 0 && t.receipts.some((r) => r.id === receiptId && r.status !== 'typed'));
  await waitFor(async () => ((await api.screen(task.sessionId)).includes(marker) ? true : undefined), 5_000, `${marker} on screen`);
  return done.receipts.find((r) => r.id === receiptId);
}

describe('pane claims (real console, bash as the agent)', () => {
  it('holds a prompt sent through the API while the pane is claimed; delivers it on release', async () => {
    const task = await idleShellTask();
    const { socket, holds } = await browser();
    const claimed = await claim(socket, { id: task.sessionId, claimed: true });
    if (!claimed.ok) throw new Error(claimed.error.message);
    expect(claimed.value.heldUntil).toBeGreaterThan(Date.now() + 60_000);
    await waitFor(async () => (holds.some((h) => h.id === task.sessionId && h.reason === 'claimed') ? true : undefined), 2_000, 'pane:held claimed');

    const receipt = await prompt(task.id, 'echo held-$((20+22))');
    expect(receipt.status).toBe('queued');
    await new Promise((r) => setTimeout(r, 800));
    expect((await api.task(task.id)).queue).toEqual([expect.objectContaining({ id: receipt.id, status: 'queued' })]);
    expect(await api.screen(task.sessionId)).not.toContain('held-');

    const released = await claim(socket, { id: task.sessionId, claimed: false });
    expect(released).toEqual({ ok: true, value: { heldUntil: null } });
    expect(await delivered(task, receipt.id, 'held-42')).toMatchObject({ status: 'submitted' });
    expect(holds.at(-1)).toEqual({ id: task.sessionId, reason: null, until: null });
  });

  it('ends a claim when its socket disconnects, and tells a browser that connects late', async () => {
    const task = await idleShellTask();
    const { socket } = await browser();
    expect((await claim(socket, { id: task.sessionId, claimed: true })).ok).toBe(true);
    const late = await browser();
    await waitFor(async () => (late.holds.some((h) => h.id === task.sessionId && h.reason === 'claimed') ? true : undefined), 2_000, 'hold sent on connect');
    const receipt = await prompt(task.id, 'echo gone-$((40+2))');
    expect(receipt.status).toBe('queued');
    socket.disconnect();
    expect(await delivered(task, receipt.id, 'gone-42')).toMatchObject({ status: 'submitted' });
    expect(late.holds.at(-1)).toEqual({ id: task.sessionId, reason: null, until: null });
  });

  it('refuses a claim on an unknown session and a malformed one', async () => {
    const { socket } = await browser();
    const unknown = await claim(socket, { id: 's-nosuchsession', claimed: true });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('not_found:session');
    const bad = await claim(socket, { id: 's-nosuchsession' });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('invalid:payload');
  });
});
