import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInProcessSessionHost } from '../sessions/in-process-host';
import type { SessionHost } from '../sessions/session-host';
import { waitFor } from '../sessions/testing/host-harness';
import { VerificationService } from './verification-service';

let host: SessionHost;
let dir: string;
let service: VerificationService;

beforeEach(async () => {
  host = createInProcessSessionHost({ killGraceMs: 300, maxSessions: 6 });
  dir = await mkdtemp(join(tmpdir(), 'axiom-verify-'));
  service = new VerificationService({ host, now: () => 1_700_000_000_000, checkTimeoutMs: 5000 });
});
afterEach(async () => {
  await host.dispose();
  await rm(dir, { recursive: true, force: true });
});

const base = { taskId: 't-verify01', taskName: 'demo', attempt: 1 };

describe('verification service (real files, real PTY checks)', () => {
  it('refuses "verified" when nothing changed, without running the check', async () => {
    await writeFile(join(dir, 'a.txt'), 'a\n');
    await service.baseline(base.taskId, dir);
    const proof = await service.verify({ ...base, workspacePath: dir, check: 'exit 0' });
    expect(proof).toEqual({
      taskId: base.taskId,
      state: 'needs-work',
      reason: 'no file changed in the workspace',
      files: [],
      diffStat: { files: 0, additions: 0, deletions: 0 },
      check: null,
      attempt: 1,
      at: 1_700_000_000_000,
    });
    expect(service.proof(base.taskId)).toEqual(proof);
  });

  it('verifies changed files with a passing check, and refuses a failing one with its tail', async () => {
    await writeFile(join(dir, 'a.txt'), 'a\n');
    await service.baseline(base.taskId, dir);
    await writeFile(join(dir, 'a.txt'), 'a\nb\n');
    await mkdir(join(dir, 'src'));
    await writeFile(join(dir, 'src', 'new.ts'), 'x\ny\n');
    // The check waits for a go file (beside the workspace, not a change in it): while it
    // runs, the task's proof says "checking".
    const go = `${dir}.go`;
    const check = `while [ ! -f '${go}' ]; do sleep 0.05; done; echo "1 test failed"; exit 1`;
    const pending = service.verify({ ...base, workspacePath: dir, check });
    await waitFor(() => service.proof(base.taskId)?.state === 'checking', 5000, 'the checking proof');
    expect(service.proof(base.taskId)).toMatchObject({ reason: `running ${check}`, check: null, diffStat: { files: 2 } });
    await writeFile(go, '');
    const failing = await pending.finally(() => rm(go, { force: true }));
    expect(failing).toMatchObject({
      state: 'needs-work',
      reason: '2 files changed, but the check failed (exit 1)',
      diffStat: { files: 2, additions: 3, deletions: 0 },
      check: { command: check, exitCode: 1, signal: null, outputTail: '1 test failed' },
    });
    expect(failing.check).not.toHaveProperty('timedOut');
    expect(service.proof(base.taskId)).toEqual(failing);

    const passing = await service.verify({ ...base, attempt: 2, workspacePath: dir, check: 'grep -q b a.txt' });
    expect(passing).toMatchObject({ state: 'verified', reason: '2 files changed, check passed', attempt: 2, check: { exitCode: 0 } });
    const { diff } = await service.diff(base.taskId, dir);
    expect(diff).toContain('diff --git a/src/new.ts b/src/new.ts');
  });

  it('uses the default check, or verifies on changes alone when there is none', async () => {
    await service.baseline(base.taskId, dir);
    await writeFile(join(dir, 'x.txt'), 'x\n');
    expect(await service.verify({ ...base, workspacePath: dir, check: null })).toMatchObject({ state: 'verified', reason: '1 file changed; no check configured', check: null });
    await writeFile(join(dir, 'Makefile'), 'test:\n\t@echo make-test-ran; false\n');
    const proof = await service.verify({ ...base, workspacePath: dir, check: null });
    expect(proof).toMatchObject({ state: 'needs-work', reason: '2 files changed, but the check failed (exit 2)', check: { command: 'make test' } });
    expect(proof.check?.outputTail).toContain('make-test-ran');
  });

  it('judges the check alone when changes are not required; times a check out', async () => {
    await service.baseline(base.taskId, dir);
    expect(await service.verify({ ...base, workspacePath: dir, check: 'true', requireChanges: false })).toMatchObject({ state: 'verified', reason: 'check passed' });
    const quick = new VerificationService({ host, checkTimeoutMs: 500 });
    await quick.baseline(base.taskId, dir);
    const proof = await quick.verify({ ...base, workspacePath: dir, check: 'sleep 20', requireChanges: false });
    expect(proof.state).toBe('needs-work');
    expect(proof.reason).toMatch(/^check timed out after \d+ ms$/);
    expect(proof.check).toMatchObject({ exitCode: null });
  });

  it('runs two verifies of one task one after the other, each on the workspace it finds', async () => {
    await service.baseline(base.taskId, dir);
    await writeFile(join(dir, 'one.txt'), '1\n');
    const first = service.verify({ ...base, workspacePath: dir, check: 'sleep 0.5' });
    const second = service.verify({ ...base, attempt: 2, workspacePath: dir, check: 'ls two.txt' });
    // Written while the first check runs: the second verify, queued behind it, sees it.
    await new Promise((r) => setTimeout(r, 100));
    await writeFile(join(dir, 'two.txt'), '2\n');
    const [a, b] = await Promise.all([first, second]);
    expect(a).toMatchObject({ state: 'verified', attempt: 1, diffStat: { files: 1 } });
    expect(b).toMatchObject({ state: 'verified', attempt: 2, diffStat: { files: 2 } });
  });

  it('without a baseline says so; forget drops everything', async () => {
    expect(await service.verify({ ...base, workspacePath: dir, check: 'true' })).toMatchObject({ state: 'needs-work', reason: 'no baseline of the workspace: cannot tell what changed' });
    service.forget(base.taskId);
    expect(service.proof(base.taskId)).toBeNull();
    expect(await service.diff(base.taskId, dir)).toEqual({ diff: '', truncated: false });
  });
});
