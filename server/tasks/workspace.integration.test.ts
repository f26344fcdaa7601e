import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { taskIdSchema } from '../../protocol/task';
import { prepareWorkspace } from './workspace';
import { makeGitRepo } from './testing/git-repo';

/** Worktrees with the real git: tasks started together in one repository each get theirs. */
const base = mkdtempSync(join(tmpdir(), 'axiom-ws-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));


describe('prepareWorkspace in a git repository', () => {
  it('gives each of many tasks started at once its own worktree (git alone races on its worktree metadata)', async () => {
    const { repo: source, git } = makeGitRepo(join(base, 'repo'), { 'a.txt': 'a\n' });
    const dataDir = join(base, 'data');
    // 4 rounds of 10 at once: with concurrent `git worktree add`, one of them failed reading
    // another's half-written metadata in about 1 of 25 adds on this kind of machine.
    for (let round = 0; round < 4; round++) {
      const ids = Array.from({ length: 10 }, (_, i) => taskIdSchema.parse(`t-race${round}x${i}`));
      const made = await Promise.allSettled(ids.map((taskId) => prepareWorkspace({ taskId, mode: 'auto', cwd: source, dataDir })));
      const failed = made.flatMap((m) => (m.status === 'rejected' ? [String(m.reason)] : []));
      expect(failed).toEqual([]);
    }
    const listed = git('worktree', 'list', '--porcelain');
    expect(listed.match(/^branch refs\/heads\/axiom\/t-race/gm)?.length).toBe(40);
  }, 120_000);
});
