import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentState, InterruptOutcome, PromptReceipt } from '../../protocol/agent';
import type { TaskCreated, TaskInfo } from '../../protocol/task';
import { claudeCommand } from '../agents/adapters/claude';
import { startTestConsole, waitFor, type TestConsole } from '../transport/test-console';
import { taskApi } from './testing/task-api';

/**
 * Tasks with the real Claude Code CLI against the built-in scripted model (no provider):
 * state from hooks, title and screen; a permission prompt approved through the API; an
 * interrupt that confirms itself; a prompt queued while busy; a parent with two children.
 */
let c: TestConsole;
let api: ReturnType<typeof taskApi>;
const transitions = new Map<string, AgentState[]>();

beforeAll(async () => {
  c = await startTestConsole({ AXIOM_AGENT_MODEL: 'scripted' });
  api = taskApi(c);
  c.tasks.onEvent((e) => {
    if (e.type !== 'task:updated' || e.task.status === null) return;
    const seen = transitions.get(e.task.id) ?? [];
    if (seen.at(-1) !== e.task.status.state) seen.push(e.task.status.state);
    transitions.set(e.task.id, seen);
  });
});
afterAll(async () => {
  await c.stop();
});

const claudeTask = (prompt: string, extra: Record<string, unknown> = {}) =>
  api.value<TaskCreated>(api.call('POST', '/api/tasks', { prompt, agent: 'claude', permissionMode: 'acceptEdits', ...extra }));

describe.skipIf(claudeCommand() === null)('tasks with the real Claude Code CLI', () => {
  it('runs a turn: busy, then idle, with the hooks reporting; the answer is on screen', async () => {
    const created = await claudeTask('say hello');
    const idle = await api.waitState(created.id, 'idle', 60_000, (t) => t.status?.signal === 'hook' || (transitions.get(t.id) ?? []).includes('busy'));
    expect(transitions.get(created.id)).toContain('busy');
    expect(await api.screen(idle.sessionId ?? '')).toContain('Hello from the scripted model.');
    // The Stop hook or the transcript decided idle, or the title saw it a moment before.
    expect(['hook', 'transcript', 'title', 'screen']).toContain(idle.status?.signal);
  }, 90_000);

  it('shows a permission prompt as waiting, and Approve makes the file appear on disk', async () => {
    const created = await claudeTask('please write:approved.txt', { permissionMode: 'default' });
    const waiting = await api.waitState(created.id, 'waiting', 60_000);
    expect(waiting.status?.waiting?.question).toMatch(/Do you want to create approved\.txt\?/);
    expect(waiting.status?.waiting?.choices.map((ch) => ch.key)).toEqual(['1', '2', '3']);
    const file = join(waiting.workspace?.path ?? '', 'approved.txt');
    expect(existsSync(file)).toBe(false);
    expect((await api.call('POST', `/api/tasks/${created.id}/approve`, { choice: 'yes' })).status).toBe(200);
    await waitFor(async () => (existsSync(file) ? true : undefined), 20_000, 'the approved file');
    expect(readFileSync(file, 'utf8')).toContain('Hello from the scripted model.');
    await api.waitState(created.id, 'idle', 30_000);
  }, 120_000);

  it('interrupts a long turn with ESC and confirms it stopped; a prompt sent while busy is queued, then delivered', async () => {
    const created = await claudeTask('slow');
    await api.waitState(created.id, 'busy', 60_000);
    // Interrupted before its first words, Claude puts the prompt back in the composer
    // instead of printing "Interrupted": let the turn get going first.
    await waitFor(async () => ((await api.screen(created.sessionId ?? '')).includes('Step 002 of') ? true : undefined), 30_000, 'the slow turn to stream');
    const queued = await api.value<PromptReceipt>(api.call('POST', `/api/tasks/${created.id}/prompt`, { text: 'say hello again' }));
    expect(queued.status).toBe('queued');
    const [outcome] = await api.value<InterruptOutcome[]>(api.call('POST', `/api/tasks/${created.id}/interrupt`, {}));
    expect(outcome).toMatchObject({ outcome: 'stopped', keys: ['esc'] });
    await waitFor(async () => ((await api.screen(created.sessionId ?? '')).includes('Interrupted') ? true : undefined), 10_000, 'the interrupted message');
    // Idle again, the queued prompt goes in and runs to the end.
    const done = await api.waitState(created.id, 'idle', 60_000, (t) => t.queue.length === 0 && t.receipts.some((r) => r.text === 'say hello again' && r.status === 'submitted'));
    expect(done.receipts.find((r) => r.text === 'say hello again')).toMatchObject({ status: 'submitted' });
    await waitFor(async () => ((await api.screen(created.sessionId ?? '')).match(/Hello from the scripted model\./g)?.length === 1 ? true : undefined), 30_000, 'the answer to the queued prompt');
  }, 150_000);

  it('runs a parent with two children, each in its own workspace, the children knowing their parent', async () => {
    const parent = await claudeTask('write:PLAN.md');
    const kids = await Promise.all(['think:1', 'say hi'].map((p) => claudeTask(p, { parentId: parent.id })));
    const p = await api.task(parent.id);
    expect(p.children).toEqual(kids.map((k) => k.id));
    const all = await Promise.all([parent, ...kids].map((t) => api.waitState(t.id, 'idle', 90_000, (x) => (transitions.get(x.id) ?? []).includes('busy'))));
    const paths = new Set(all.map((t: TaskInfo) => t.workspace?.path));
    expect(paths.size).toBe(3);
    expect(await api.screen(kids[1]?.sessionId ?? '')).toContain('Context from the parent task');
    for (const t of [parent, ...kids]) await api.call('POST', `/api/tasks/${t.id}/stop`, {});
  }, 180_000);
});
