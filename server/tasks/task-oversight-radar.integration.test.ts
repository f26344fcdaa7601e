import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Suggestion } from '../../protocol/steering';
import type { TaskCreated, TaskInfo } from '../../protocol/task';
import { claudeCommand } from '../agents/adapters/claude';
import { waitFor } from '../transport/test-console';
import { consoleForFile } from './testing/task-api';
import { makeGitRepo } from './testing/git-repo';

/**
 * The conflict radar compares paths from the repository's root, whatever subfolder of it a
 * task was started in (its worktree then runs in the same subfolder): end to end, with the
 * real Claude Code CLI against the scripted model, whose hooks report each file written,
 * and with shell tasks (real bash), which report nothing: the radar learns their files from
 * the proof after each turn.
 */
const suite = consoleForFile({ AXIOM_AGENT_MODEL: 'scripted' });
const { api } = suite;

/** A repository with two committed subfolders (a worktree holds tracked files only). */
function repoWithFolders(name: string, folders: string[]): string {
  return makeGitRepo(join(suite.console.dataDir, name), Object.fromEntries(folders.map((f) => [`${f}/README.md`, `${f}\n`]))).repo;
}

const claudeTask = (prompt: string, cwd: string, name: string) =>
  api.value<TaskCreated>(api.call('POST', '/api/tasks', { prompt, agent: 'claude', permissionMode: 'acceptEdits', cwd, name }));
const conflicts = async (taskId: string) =>
  (await api.value<Suggestion[]>(api.call('GET', `/api/suggestions?taskId=${taskId}`))).filter((s) => s.rule === 'edit-conflict');
/** Idle after its first turn: its Write (and the hook reporting it) came before. */
const afterFirstTurn = (id: string): Promise<TaskInfo> => api.waitState(id, 'idle', 90_000, (x) => x.usage.turns >= 1);
const stopAll = (ids: string[]) => Promise.all(ids.map((id) => api.call('POST', `/api/tasks/${id}/stop`, {})));

describe.skipIf(claudeCommand() === null)('conflict radar: paths from the repository root', () => {
  it('two tasks in different subfolders writing same.txt each edit their own file: no warning', async () => {
    const repo = repoWithFolders('radar-apart', ['pkg-a', 'pkg-b']);
    const [a, b] = await Promise.all(['pkg-a', 'pkg-b'].map((f) => claudeTask('please write:same.txt', join(repo, f), `apart-${f}`)));
    if (a === undefined || b === undefined) throw new Error('two tasks expected');
    for (const [t, f] of [[a, 'pkg-a'], [b, 'pkg-b']] as const) {
      const info = await afterFirstTurn(t.id);
      expect(info.workspace).toMatchObject({ kind: 'worktree', source: repo });
      expect(info.workspace?.path.endsWith(`/${f}`)).toBe(true);
      expect(existsSync(join(info.workspace?.path ?? '', 'same.txt'))).toBe(true);
    }
    // The hook was handled when it arrived; give a late one a moment anyway.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await conflicts(a.id)).toEqual([]);
    expect(await conflicts(b.id)).toEqual([]);
    await stopAll([a.id, b.id]);
  }, 180_000);

  it('a task at the root and one in pkg/ writing the same file: each is warned, with the path from the root', async () => {
    const repo = repoWithFolders('radar-nested', ['pkg']);
    const [top, sub] = await Promise.all([
      claudeTask('please write:pkg/same.txt', repo, 'nested-top'),
      claudeTask('please write:same.txt', join(repo, 'pkg'), 'nested-sub'),
    ]);
    if (top === undefined || sub === undefined) throw new Error('two tasks expected');
    await Promise.all([afterFirstTurn(top.id), afterFirstTurn(sub.id)]);
    const warned = (id: string) => waitFor(async () => (await conflicts(id))[0], 30_000, `an edit-conflict on ${id}`);
    const [st, ss] = await Promise.all([warned(top.id), warned(sub.id)]);
    expect(st?.message).toMatch(new RegExp(`^pkg/same\\.txt is also being edited by ${sub.id};`));
    expect(ss?.message).toMatch(new RegExp(`^pkg/same\\.txt is also being edited by ${top.id};`));
    expect(ss).toMatchObject({ evidence: [expect.objectContaining({ kind: 'file', path: 'pkg/same.txt' })] });
    await stopAll([top.id, sub.id]);
  }, 180_000);
});

describe('conflict radar: agents without hooks, from the proof after each turn (real bash)', () => {
  // A bare `echo` is over before one screen poll: its confirmed submit starts the turn.
  const shellTask = (command: string, cwd: string, name: string, workspace: 'auto' | 'in-place' = 'auto') =>
    api.value<TaskCreated>(api.call('POST', '/api/tasks', { prompt: command, agent: 'shell', cwd, name, workspace }));
  /** Verified after the turn that wrote its file: its proof has reached the radar. */
  const verified = (id: string): Promise<TaskInfo> => api.waitState(id, 'idle', 30_000, (x) => x.verification?.state === 'verified');
  /** Starts the tasks together and waits until each one's proof is in. */
  const runTogether = async (specs: Array<{ command: string; cwd: string; name: string; workspace?: 'in-place' }>): Promise<TaskCreated[]> => {
    const created = await Promise.all(specs.map((t) => shellTask(t.command, t.cwd, t.name, t.workspace)));
    await Promise.all(created.map((t) => verified(t.id)));
    return created;
  };
  const warned = (id: string) => waitFor(async () => (await conflicts(id))[0], 15_000, `an edit-conflict on ${id}`);
  // An idle shell still holds its slot under the concurrency limit, a failed test's too.
  afterEach(async () => {
    const live = (await api.value<TaskInfo[]>(api.call('GET', '/api/tasks'))).filter((t) => !['exited', 'failed', 'stopped'].includes(t.state));
    await stopAll(live.map((t) => t.id));
  });

  it('two shell tasks in worktrees of one repository writing same.txt: each is warned, naming the path', async () => {
    const repo = repoWithFolders('shell-same', ['pkg']);
    const [a, b] = await runTogether([
      { command: 'echo a > same.txt', cwd: repo, name: 'shell-same-a' },
      { command: 'echo b > same.txt', cwd: repo, name: 'shell-same-b' },
    ]);
    if (a === undefined || b === undefined) throw new Error('two tasks expected');
    for (const t of [a, b]) expect((await api.task(t.id)).workspace).toMatchObject({ kind: 'worktree', source: repo });
    const [sa, sb] = await Promise.all([warned(a.id), warned(b.id)]);
    expect(sa?.message).toMatch(new RegExp(`^same\\.txt is also being edited by ${b.id};`));
    expect(sb?.message).toMatch(new RegExp(`^same\\.txt is also being edited by ${a.id};`));
    expect(sb).toMatchObject({ evidence: [expect.objectContaining({ kind: 'file', path: 'same.txt' })] });
    // One warning per task and path, though every later proof lists the file again.
    await api.call('POST', `/api/tasks/${a.id}/prompt`, { text: 'echo again >> same.txt' });
    await api.waitState(a.id, 'idle', 30_000, (x) => x.verification?.attempt === 2 && x.verification.state === 'verified');
    expect(await conflicts(a.id)).toHaveLength(1);
  }, 60_000);

  it('a shell task at the root and one in pkg/ writing the same file: warned with the path from the root', async () => {
    const repo = repoWithFolders('shell-nested', ['pkg']);
    const [top, sub] = await runTogether([
      { command: 'echo top > pkg/same.txt', cwd: repo, name: 'shell-nested-top' },
      { command: 'echo sub > same.txt', cwd: join(repo, 'pkg'), name: 'shell-nested-sub' },
    ]);
    if (top === undefined || sub === undefined) throw new Error('two tasks expected');
    const [st, ss] = await Promise.all([warned(top.id), warned(sub.id)]);
    expect(st?.message).toMatch(new RegExp(`^pkg/same\\.txt is also being edited by ${sub.id};`));
    expect(ss?.message).toMatch(new RegExp(`^pkg/same\\.txt is also being edited by ${top.id};`));
  }, 60_000);

  it('an in-place task in pkg/ and a worktree task at the root writing the same file: both warned, path from the root', async () => {
    const repo = repoWithFolders('shell-in-place', ['pkg']);
    const [top, here] = await runTogether([
      { command: 'echo top > pkg/same.txt', cwd: repo, name: 'shell-wt-top' },
      { command: 'echo here > same.txt', cwd: join(repo, 'pkg'), name: 'shell-in-place', workspace: 'in-place' },
    ]);
    if (top === undefined || here === undefined) throw new Error('two tasks expected');
    expect((await api.task(here.id)).workspace).toMatchObject({ kind: 'in-place', path: join(repo, 'pkg'), source: repo });
    const [st, sh] = await Promise.all([warned(top.id), warned(here.id)]);
    expect(st?.message).toMatch(new RegExp(`^pkg/same\\.txt is also being edited by ${here.id};`));
    expect(sh?.message).toMatch(new RegExp(`^pkg/same\\.txt is also being edited by ${top.id};`));
  }, 60_000);

  it('no warning for different files, for same.txt in different subfolders, or for two sandboxes of one folder', async () => {
    const repo = repoWithFolders('shell-apart', ['pkg-a', 'pkg-b']);
    const plain = join(suite.console.dataDir, 'not-a-repo');
    mkdirSync(plain, { recursive: true });
    const created = await runTogether([
      { command: 'echo a > a.txt', cwd: repo, name: 'apart-a' },
      { command: 'echo b > b.txt', cwd: repo, name: 'apart-b' },
      { command: 'echo a > same.txt', cwd: join(repo, 'pkg-a'), name: 'apart-pkg-a' },
      { command: 'echo b > same.txt', cwd: join(repo, 'pkg-b'), name: 'apart-pkg-b' },
      { command: 'echo a > same.txt', cwd: plain, name: 'sandbox-a' },
      { command: 'echo b > same.txt', cwd: plain, name: 'sandbox-b' },
    ]);
    expect((await api.task(created[4]?.id ?? '')).workspace).toMatchObject({ kind: 'sandbox', source: plain });
    // Every proof is in (and each was handled as it came): nothing left to warn about.
    for (const t of created) expect(await conflicts(t.id)).toEqual([]);
  }, 60_000);
});
