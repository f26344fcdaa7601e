import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Intervention, Suggestion } from '../../protocol/steering';
import type { TaskCreated } from '../../protocol/task';
import { claudeCommand } from '../agents/adapters/claude';
import { consoleForFile } from '../tasks/testing/task-api';
import { waitFor } from '../transport/test-console';
import { makeGitRepo } from '../tasks/testing/git-repo';

/**
 * Guardrails on the tree, end to end with the real Claude Code CLI against the scripted
 * model: a turn budget crossed interrupts the agent, records its screen and notifies; two
 * running tasks from one repository writing the same file are each warned, live.
 */
const suite = consoleForFile({ AXIOM_AGENT_MODEL: 'scripted' });
const { api } = suite;

const claudeTask = (prompt: string, extra: Record<string, unknown> = {}) =>
  api.value<TaskCreated>(api.call('POST', '/api/tasks', { prompt, agent: 'claude', permissionMode: 'acceptEdits', ...extra }));
const suggestion = (taskId: string, rule: string) =>
  waitFor(async () => (await api.value<Suggestion[]>(api.call('GET', `/api/suggestions?taskId=${taskId}`))).find((s) => s.rule === rule), 60_000, `a ${rule} suggestion on ${taskId}`);
const interventions = (taskId: string) => api.value<Intervention[]>(api.call('GET', `/api/tasks/${taskId}/interventions`));

describe.skipIf(claudeCommand() === null)('guardrails with the real Claude Code CLI', () => {
  it('a turn budget of 1: the second turn crosses it; the agent is interrupted, its screen recorded, a person notified', async () => {
    const t = await claudeTask('say hello', { budget: { turns: 1 } });
    await api.waitState(t.id, 'idle', 60_000, (x) => x.usage.turns === 1);
    // Within budget: nothing yet.
    expect((await interventions(t.id)).map((i) => i.kind)).not.toContain('budget-stop');

    await api.value(api.call('POST', `/api/tasks/${t.id}/prompt`, { text: 'say hello again' }));
    const stop = await waitFor(async () => (await interventions(t.id)).find((i) => i.kind === 'budget-stop'), 60_000, 'the budget stop');
    expect(stop).toMatchObject({ who: 'auto', taskId: t.id });

    const s = await suggestion(t.id, 'budget-exceeded');
    expect(s).toMatchObject({ action: 'notify', message: 'Budget crossed (turns: 2 of 1); the agent was interrupted.' });
    expect((await api.task(t.id)).usage.turns).toBe(2);

    const recorded = suite.console.store.events({ taskId: t.id }).find((e) => e.type === 'task.budget');
    expect(recorded?.data).toMatchObject({ kind: 'turns', limit: 1, used: 2 });
    expect(String((recorded?.data as { screen: unknown }).screen)).toContain('Hello from the scripted model.');
    await api.call('POST', `/api/tasks/${t.id}/stop`, {});
  }, 150_000);

  it('two tasks in worktrees of one repository writing the same file: each is warned, naming the file and the other task', async () => {
    const { repo } = makeGitRepo(join(suite.console.dataDir, 'radar-repo'), { 'README.md': 'radar\n' });

    const [a, b] = await Promise.all(['a', 'b'].map((name) => claudeTask('please write:same.txt', { cwd: repo, name: `radar-${name}` })));
    if (a === undefined || b === undefined) throw new Error('two tasks expected');
    for (const t of [a, b]) {
      const info = await api.waitState(t.id, 'idle', 90_000, (x) => x.usage.turns >= 1);
      expect(info.workspace).toMatchObject({ kind: 'worktree', source: repo });
      expect(existsSync(join(info.workspace?.path ?? '', 'same.txt'))).toBe(true);
    }
    const [sa, sb] = await Promise.all([suggestion(a.id, 'edit-conflict'), suggestion(b.id, 'edit-conflict')]);
    expect(sa?.message).toMatch(new RegExp(`^same\\.txt is also being edited by ${b.id};`));
    expect(sb?.message).toMatch(new RegExp(`^same\\.txt is also being edited by ${a.id};`));
    expect(sa).toMatchObject({ action: 'notify', evidence: [expect.objectContaining({ kind: 'file', path: 'same.txt' })] });
    // The repository itself was never touched: each wrote in its own worktree.
    expect(existsSync(join(repo, 'same.txt'))).toBe(false);
    await Promise.all([a, b].map((t) => api.call('POST', `/api/tasks/${t.id}/stop`, {})));
  }, 180_000);
});
