import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../protocol/steering';
import type { TaskCreated, TaskInfo } from '../../protocol/task';
import type { Proof } from '../../protocol/verification';
import { claudeCommand } from '../agents/adapters/claude';
import { consoleForFile } from '../tasks/testing/task-api';
import { waitFor } from '../transport/test-console';

/**
 * The labelled scenario suite: the real Claude Code CLI against scripted turns that each
 * reproduce one failure mode (or honest work). The right suggestion must appear with its
 * evidence, accepting it must reach the agent, and only honest work ends "verified".
 */
const suite = consoleForFile({ AXIOM_AGENT_MODEL: 'scripted' }, { 'steering.json': JSON.stringify({ 'waiting-too-long': { thresholds: { waitSeconds: 2 } } }) });
const { api } = suite;
const CHECK = 'grep -q correct result.txt';

const spawn = (prompt: string, extra: Record<string, unknown> = {}) =>
  api.value<TaskCreated>(api.call('POST', '/api/tasks', { prompt, agent: 'claude', permissionMode: 'acceptEdits', ...extra }));
const suggestions = (taskId: string) => api.value<Suggestion[]>(api.call('GET', `/api/suggestions?taskId=${taskId}&state=open,accepted,auto-applied,snoozed`));
const suggestion = (taskId: string, rule: string, timeoutMs = 60_000) =>
  waitFor(async () => (await suggestions(taskId)).find((s) => s.rule === rule), timeoutMs, `a ${rule} suggestion on ${taskId}`);
const verified = (taskId: string, state: string, timeoutMs = 60_000) =>
  waitFor(async () => {
    const t = await api.task(taskId);
    return t.verification?.state === state ? t : undefined;
  }, timeoutMs, `${taskId} to be ${state}`);
const stop = (id: string) => api.call('POST', `/api/tasks/${id}/stop`, {});

describe.skipIf(claudeCommand() === null)('steering scenarios with the real Claude Code CLI', () => {
  it('plans only → "write the code now", with the planning lines as evidence; not verified', async () => {
    const t = await spawn('plan the work');
    const s = await suggestion(t.id, 'planning-without-code');
    expect(s.message).toMatch(/^Stop planning and write the code now/);
    expect(s.evidence.map((e) => e.text).join('\n')).toMatch(/TODO: implement later|Let me plan/);
    const task = await verified(t.id, 'needs-work');
    expect(task.verification?.reason).toMatch(/no file/i);
    expect((await suggestions(t.id)).map((x) => x.rule)).toEqual(['planning-without-code']);
    await stop(t.id);
  }, 120_000);

  it('TODO stubs → "replace the stubs", pointing at the file and line', async () => {
    const t = await spawn('stub-code');
    const s = await suggestion(t.id, 'todo-stubs');
    expect(s.evidence.map((e) => e.text)).toContain('feature.js:2: // TODO: implement greeting');
    await stop(t.id);
  }, 120_000);

  it('claims done with no file → "you said it is done, but…"; accepting it reaches the agent, which fixes it: only then verified', async () => {
    const t = await spawn('claim-done', { check: CHECK });
    const s = await suggestion(t.id, 'unverified-claim');
    expect(s.title).toBe('Says it is done, but no file changed in the workspace');
    expect((await api.task(t.id)).verification?.state).toBe('needs-work');
    const accepted = await api.value<Suggestion>(api.call('POST', `/api/suggestions/${s.id}/accept`, {}));
    expect(accepted).toMatchObject({ state: 'accepted', resolvedBy: 'api' });
    expect(accepted.receipt?.status).toBe('submitted');
    const done = await verified(t.id, 'verified', 90_000);
    expect(done.verification?.reason).toMatch(/changed.*check passed/i);
    const proof = await api.value<Proof>(api.call('GET', `/api/tasks/${t.id}/proof`));
    expect(proof).toMatchObject({ state: 'verified', check: { command: CHECK, exitCode: 0 } });
    expect(proof.files.map((f) => f.path)).toEqual(['result.txt']);
    const interventions = await api.value<Array<{ kind: string; suggestionId: string | null }>>(api.call('GET', `/api/tasks/${t.id}/interventions`));
    expect(interventions).toContainEqual(expect.objectContaining({ kind: 'steer', suggestionId: s.id }));
    await stop(t.id);
  }, 180_000);

  it('claims done with the check failing → the claim suggestion carries the failing output; needs work', async () => {
    const t = await spawn('claim-failing', { check: CHECK });
    const s = await suggestion(t.id, 'unverified-claim');
    expect(s.title).toMatch(/check `grep -q correct result.txt` fails \(exit 1\)/);
    const task = await verified(t.id, 'needs-work');
    expect(task.verification?.reason).toMatch(/check failed/i);
    expect((await suggestions(t.id)).map((x) => x.rule)).not.toContain('check-failed');
    const diff = await api.value<{ diff: string }>(api.call('GET', `/api/tasks/${t.id}/diff`));
    expect(diff.diff).toContain('+wrong answer');
    await stop(t.id);
  }, 120_000);

  it('repeats an error → "try a different approach"', async () => {
    const t = await spawn('repeat-error');
    const s = await suggestion(t.id, 'repeated-error');
    expect(s.message).toContain("Error: Cannot find module 'left-pad'");
    await stop(t.id);
  }, 120_000);

  it('waits on a permission prompt → notified with "Approve"; accepting approves and the file appears', async () => {
    const t = await spawn('please write:perm.txt', { permissionMode: 'default' });
    const s = await suggestion(t.id, 'waiting-too-long');
    expect(s).toMatchObject({ action: 'approve', message: 'Approve: Do you want to create perm.txt?' });
    await api.value(api.call('POST', `/api/suggestions/${s.id}/accept`, {}));
    const task: TaskInfo = await api.task(t.id);
    await waitFor(async () => (existsSync(join(task.workspace?.path ?? '', 'perm.txt')) ? true : undefined), 20_000, 'perm.txt');
    await stop(t.id);
  }, 120_000);

  it('waits on a permission prompt → "Approve" proposed; answered in the pane instead, the proposal expires', async () => {
    const t = await spawn('please write:answered.txt', { permissionMode: 'default' });
    const s = await suggestion(t.id, 'waiting-too-long');
    await api.value(api.call('POST', `/api/tasks/${t.id}/approve`, { choice: 'yes' }));
    // Left open, its "Approve" would answer whatever the agent asks next.
    await waitFor(async () => (await api.value<Suggestion[]>(api.call('GET', `/api/suggestions?taskId=${t.id}&state=expired`))).find((x) => x.id === s.id), 20_000, 'the proposal to expire');
    expect((await suggestions(t.id)).filter((x) => x.rule === 'waiting-too-long')).toEqual([]);
    await stop(t.id);
  }, 120_000);

  it('honest work → verified, and no suggestion', async () => {
    const t = await spawn('honest-work', { check: CHECK });
    const task = await verified(t.id, 'verified');
    expect(readFileSync(join(task.workspace?.path ?? '', 'result.txt'), 'utf8')).toBe('correct answer\n');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await suggestions(t.id)).toEqual([]);
    await stop(t.id);
  }, 120_000);
});
