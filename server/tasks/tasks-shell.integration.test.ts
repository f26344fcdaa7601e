import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InterruptOutcome, PromptReceipt } from '../../protocol/agent';
import type { TaskCreated, TaskInfo } from '../../protocol/task';
import type { Proof } from '../../protocol/verification';
import { TEST_TOKEN, waitFor } from '../transport/test-console';
import { consoleForFile, delivered } from './testing/task-api';
import { LINE_PUBLISH_MS } from './task-service';
import { makeGitRepo } from './testing/git-repo';

/**
 * Tasks through the REST API on a real console, with the generic (non-Claude) adapter and
 * real programs: bash as the agent. The Claude Code CLI gets its own test file.
 */
const suite = consoleForFile({ AXIOM_MAX_RUNNING: '3' });
const { api } = suite;
// An idle agent still holds its slot under the concurrency limit: stop each test's tasks.
afterEach(async () => {
  for (const t of await api.value<TaskInfo[]>(api.call('GET', '/api/tasks'))) {
    if (!['exited', 'failed', 'stopped'].includes(t.state)) await api.call('POST', `/api/tasks/${t.id}/stop`, {});
  }
});

const shellTask = (extra: Record<string, unknown> = {}) =>
  api.value<TaskCreated>(api.call('POST', '/api/tasks', { prompt: 'echo ready-$((6*7))', agent: 'shell', ...extra }));

describe('tasks with a generic adapter (real bash)', () => {
  it('spawns at once, types the first prompt, and reads busy then idle from the screen', async () => {
    const created = await shellTask({ prompt: 'sleep 1; echo finished-$((6*7))' });
    expect(created.id).toMatch(/^t-/);
    expect(created.sessionId).toMatch(/^s-/);
    const busy = await api.waitState(created.id, 'busy');
    expect(busy.status?.signal).toBe('screen');
    const idle = await api.waitState(created.id, 'idle', 10_000, delivered);
    expect(await api.screen(created.sessionId ?? '')).toContain('finished-42');
    expect(idle.receipts.at(-1)).toMatchObject({ status: 'submitted', enters: 1 });
    expect(idle.workspace).toMatchObject({ kind: 'sandbox' });
  });

  it('ends the turn of a command quicker than one screen poll: counted, and verified', async () => {
    // Nothing busy ever shows on the screen: the prompt's confirmed submit starts the turn.
    const created = await shellTask({ prompt: 'echo fast > fast.txt' });
    const idle = await api.waitState(created.id, 'idle', 10_000, (t) => t.usage.turns >= 1 && t.verification !== null && t.verification.state !== 'checking');
    expect(idle.usage.turns).toBe(1);
    const proof = await api.value<Proof>(api.call('GET', `/api/tasks/${created.id}/proof`));
    expect(proof.files).toEqual([expect.objectContaining({ path: 'fast.txt', change: 'added' })]);
    const second = await api.value<PromptReceipt>(api.call('POST', `/api/tasks/${created.id}/prompt`, { text: 'echo again >> fast.txt' }));
    expect(second.status).toBe('submitted');
    await api.waitState(created.id, 'idle', 10_000, (t) => t.usage.turns >= 2);
  });

  it('queues a prompt sent while busy and delivers it, in order, when idle', async () => {
    const created = await shellTask({ prompt: 'sleep 2; echo first-done' });
    await api.waitState(created.id, 'busy');
    const queued = await api.value<PromptReceipt>(api.call('POST', `/api/tasks/${created.id}/prompt`, { text: 'echo second-$((1+1))' }));
    expect(queued.status).toBe('queued');
    expect((await api.task(created.id)).queue).toHaveLength(1);
    const done = await api.waitState(created.id, 'idle', 15_000, (t) => delivered(t) && t.receipts.length >= 2);
    expect(done.receipts.at(-1)).toMatchObject({ text: 'echo second-$((1+1))', status: 'submitted' });
    await waitFor(async () => ((await api.screen(created.sessionId ?? '')).includes('second-2') ? true : undefined));
    const screen = await api.screen(created.sessionId ?? '');
    expect(screen.indexOf('first-done')).toBeLessThan(screen.indexOf('second-2'));
  });

  it('interrupts with the adapter key (Ctrl-C for shells) and confirms the work stopped', async () => {
    const created = await shellTask({ prompt: 'sleep 30' });
    await api.waitState(created.id, 'busy');
    const outcomes = await api.value<InterruptOutcome[]>(api.call('POST', `/api/tasks/${created.id}/interrupt`));
    expect(outcomes).toEqual([expect.objectContaining({ outcome: 'stopped', keys: ['ctrl-c'] })]);
    expect((await api.task(created.id)).state).toBe('idle');
    const again = await api.value<InterruptOutcome[]>(api.call('POST', `/api/tasks/${created.id}/interrupt`, {}));
    expect(again[0]?.outcome).toBe('not-busy');
  });

  it('builds a DAG with children, and stops and removes a whole subtree', async () => {
    const parent = await shellTask({ prompt: 'sleep 60' });
    const kid1 = await shellTask({ prompt: 'sleep 61', parentId: parent.id });
    const kid2 = await shellTask({ prompt: 'sleep 62', parentId: parent.id });
    const p = await api.task(parent.id);
    expect(p.children).toEqual([kid1.id, kid2.id]);
    expect((await api.task(kid1.id)).parentId).toBe(parent.id);
    const stopped = await api.value<string[]>(api.call('POST', `/api/tasks/${parent.id}/stop`, {}));
    expect(new Set(stopped)).toEqual(new Set([parent.id, kid1.id, kid2.id]));
    for (const id of [parent.id, kid1.id, kid2.id]) expect((await api.task(id)).state).toBe('stopped');
    expect(api.errorCode(await api.call('POST', `/api/tasks/${parent.id}/prompt`, { text: 'echo late' }))).toBe('refused:task-ended');
    expect((await api.call('DELETE', `/api/tasks/${parent.id}`)).status).toBe(200);
    for (const id of [parent.id, kid1.id]) expect((await api.call('GET', `/api/tasks/${id}`)).status).toBe(404);
  });

  it('reports the process exit with its code', async () => {
    const created = await shellTask({ prompt: 'exit 3' });
    const ended = await api.waitState(created.id, 'exited');
    expect(ended.status).toMatchObject({ state: 'exited', signal: 'process', exitCode: 3 });
    expect(ended.endedAt).not.toBeNull();
  });

  it('retries a failed spawn three times with backoff, then fails the task', async () => {
    const created = await shellTask({ command: '/nonexistent/agent-binary' });
    expect(created.sessionId).toBeNull();
    const failed = await api.waitState(created.id, 'failed', 10_000);
    expect(failed.attempts).toBe(3);
    expect(failed.error?.code).toBe('failed:spawn');
  });

  it('enforces the concurrency limit (the rest wait, visibly queued) and a timeout', async () => {
    const a = await shellTask({ prompt: 'sleep 40' });
    const b = await shellTask({ prompt: 'sleep 40' });
    const timed = await shellTask({ prompt: 'sleep 40', timeoutMs: 1500 });
    const queued = await shellTask({ prompt: 'echo was-queued' });
    expect(queued.sessionId).toBeNull();
    expect(await api.task(queued.id)).toMatchObject({ state: 'queued', queuePosition: 0 });
    const failed = await api.waitState(timed.id, 'failed', 10_000);
    expect(failed.error?.code).toBe('failed:timeout');
    // The timed-out task freed its slot: the queued one runs.
    const ran = await api.waitState(queued.id, ['busy', 'idle'], 10_000);
    expect(ran.sessionId).toMatch(/^s-/);
    await api.call('POST', `/api/tasks/${a.id}/stop`, {});
    await api.call('POST', `/api/tasks/${b.id}/stop`, {});
  });

  it('gives a task in a git repository its own worktree on a new branch; in-place uses the folder as is', async () => {
    const { repo, git } = makeGitRepo(join(suite.console.dataDir, 'repo'), { 'README.md': 'hello\n' });
    const wt = await shellTask({ prompt: 'echo in-worktree > made.txt', cwd: repo });
    const info = await api.waitState(wt.id, 'idle', 10_000, delivered);
    expect(info.workspace).toMatchObject({ kind: 'worktree', source: repo, branch: `axiom/${wt.id}` });
    await waitFor(async () => (existsSync(join(info.workspace?.path ?? '', 'made.txt')) ? true : undefined));
    expect(existsSync(join(repo, 'made.txt'))).toBe(false);
    expect(git('branch', '--list', `axiom/${wt.id}`)).toContain(`axiom/${wt.id}`);
    const inPlace = await shellTask({ prompt: 'echo here > in-place.txt', cwd: repo, workspace: 'in-place' });
    await waitFor(async () => (existsSync(join(repo, 'in-place.txt')) ? true : undefined));
    expect(readFileSync(join(repo, 'in-place.txt'), 'utf8')).toBe('here\n');
    expect((await api.task(inPlace.id)).workspace?.kind).toBe('in-place');
  });

  it('GET /api/tasks/:id/wait is held until the turn ends, says when it timed out, and lets a client hang up', async () => {
    const created = await shellTask({ prompt: 'sleep 1.5; echo waited-$((2+3)) > waited.txt' });
    const early = await api.value<{ task: TaskInfo; timedOut: boolean }>(api.call('GET', `/api/tasks/${created.id}/wait?timeoutMs=50`));
    expect(early.timedOut).toBe(true);
    expect(['queued', 'starting', 'busy']).toContain(early.task.state);

    // A client that gives up mid-wait: the console stops waiting for it and carries on.
    const abandoned = request({
      port: suite.console.port,
      path: `/api/tasks/${created.id}/wait?timeoutMs=20000`,
      headers: { authorization: `Bearer ${TEST_TOKEN}`, host: suite.console.hostHeader },
    });
    const hungUp = new Promise((resolve) => abandoned.on('error', resolve));
    abandoned.end();
    setTimeout(() => abandoned.destroy(new Error('hung up')), 200);
    expect(await hungUp).toBeInstanceOf(Error);

    const done = await api.value<{ task: TaskInfo; timedOut: boolean }>(api.call('GET', `/api/tasks/${created.id}/wait?timeoutMs=20000`));
    expect(done.timedOut).toBe(false);
    expect(done.task.state).toBe('idle');
    expect(existsSync(join(done.task.workspace?.path ?? '', 'waited.txt'))).toBe(true);

    expect(api.errorCode(await api.call('GET', `/api/tasks/${created.id}/wait?timeoutMs=-1`))).toBe('invalid:payload');
    expect(api.errorCode(await api.call('GET', `/api/tasks/${created.id}/wait?timeoutMs=9999999`))).toBe('invalid:payload');
    expect((await api.call('GET', '/api/tasks/t-doesnotexist/wait')).status).toBe(404);
    expect((await api.call('GET', '/health')).status).toBe(200);
  });

  it('answers bad input with typed errors and keeps running', async () => {
    expect(api.errorCode(await api.call('POST', '/api/tasks', { prompt: '' }))).toBe('invalid:payload');
    expect(api.errorCode(await api.call('POST', '/api/tasks', { prompt: 'x', agent: 'nope' }))).toBe('invalid:payload');
    expect(api.errorCode(await api.call('POST', '/api/tasks', { prompt: 'x', parentId: 't-doesnotexist' }))).toBe('not_found:task');
    expect((await api.call('GET', '/api/tasks/t-doesnotexist')).status).toBe(404);
    expect((await api.call('GET', '/api/tasks/not-an-id')).status).toBe(404);
    expect(api.errorCode(await api.call('POST', '/api/tasks/t-doesnotexist/approve', { choice: 'maybe' }))).toBe('invalid:payload');
    const idle = await shellTask({ prompt: 'true' });
    await api.waitState(idle.id, 'idle');
    expect(api.errorCode(await api.call('POST', `/api/tasks/${idle.id}/approve`, { choice: 'yes' }))).toBe('refused:not-waiting');
    expect((await api.call('GET', '/health')).status).toBe(200);
  });

  it('publishes a busy agent\'s changing last line at most every LINE_PUBLISH_MS, and its final line', async () => {
    const created = await shellTask({ prompt: 'for i in $(seq 1 40); do echo line-$i; sleep 0.05; done; echo all-done' });
    const lines: Array<{ at: number; line: string }> = [];
    const off = suite.console.tasks.onEvent((e) => {
      if (e.type === 'task:updated' && e.task.id === created.id && e.task.status !== null) lines.push({ at: Date.now(), line: e.task.status.lastLine });
    });
    try {
      await api.waitState(created.id, 'idle', 15_000, (t) => (t.status?.lastLine ?? '').length > 0 && !/line-\d+$/.test(t.status?.lastLine ?? ''));
      // About 2 s of output with a new line every 50 ms: unthrottled that is ~20 publishes
      // of the line alone (the monitor polls every 100 ms).
      const lineChanges = lines.filter((l, i) => i > 0 && l.line !== lines[i - 1]!.line && /line-\d+/.test(l.line));
      expect(lineChanges.length).toBeGreaterThan(1);
      expect(lineChanges.length).toBeLessThanOrEqual(Math.ceil(2500 / LINE_PUBLISH_MS) + 2);
      expect((await api.task(created.id)).status?.lastLine).not.toMatch(/line-\d+$/);
    } finally {
      off();
    }
  });
});
