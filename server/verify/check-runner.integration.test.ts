import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionId } from '../../protocol/ids';
import { createInProcessSessionHost } from '../sessions/in-process-host';
import type { SessionHost } from '../sessions/session-host';
import { screenText, unwrap } from '../sessions/testing/host-harness';
import { runCheck } from './check-runner';

let host: SessionHost;
let dir: string;

beforeEach(async () => {
  host = createInProcessSessionHost({ killGraceMs: 300, maxSessions: 4 });
  dir = await mkdtemp(join(tmpdir(), 'axiom-check-'));
});
afterEach(async () => {
  await host.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('check runner (real PTY sessions through the host)', () => {
  it('runs a passing check in a visible, named session that stays after exit', async () => {
    const run = await runCheck({ host, command: 'printf "\\033[32mok\\033[0m %s\\n" "$CI"; pwd', cwd: dir, name: 'check: demo' });
    expect(run).toMatchObject({ command: expect.stringContaining('printf'), exitCode: 0, signal: null, timedOut: false });
    expect(run.outputTail).toBe(`ok 1\n${dir}`);
    expect(run.sessionId).not.toBeNull();
    const info = unwrap(await host.request({ type: 'get', id: run.sessionId as SessionId }));
    expect(info).toMatchObject({ name: 'check: demo', status: 'exited', cwd: dir });
    expect(await screenText(host, info.id)).toContain('ok 1');
  });

  it('reports a failing check with the last lines of its output, UTF-8 intact', async () => {
    const cmd = 'for i in $(seq 1 200); do echo "line $i ✓ é"; done; echo "FAIL: expected 2 got 3" >&2; exit 3';
    const run = await runCheck({ host, command: cmd, cwd: dir, name: 'check: fail' });
    expect(run.exitCode).toBe(3);
    const lines = run.outputTail.split('\n');
    expect(lines).toHaveLength(60);
    expect(lines.at(-1)).toBe('FAIL: expected 2 got 3');
    expect(lines.at(-2)).toBe('line 200 ✓ é');
    expect(run.outputTail).not.toContain('\uFFFD');
  });

  it('keeps everything a fast check printed before the viewer attached, even a flood', async () => {
    const run = await runCheck({ host, command: 'head -c 3000000 /dev/zero | tr "\\0" "x" | fold -w 100; echo; echo END', cwd: dir, name: 'check: flood' });
    expect(run.exitCode).toBe(0);
    expect(run.outputTail.split('\n').at(-1)).toBe('END');
  });

  it('kills a check that outlives its timeout and says so', async () => {
    const started = Date.now();
    const run = await runCheck({ host, command: 'echo started; sleep 30', cwd: dir, name: 'check: slow', timeoutMs: 800 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run).toMatchObject({ exitCode: null, timedOut: true });
    expect(run.signal).toMatch(/^SIG/);
    expect(run.outputTail).toMatch(/^started\n\[axiom: check timed out after 800 ms; killed\]$/);
    expect(unwrap(await host.request({ type: 'get', id: run.sessionId as SessionId })).status).toBe('exited');
  });

  it('answers a check that cannot start (no such folder) without a session', async () => {
    const run = await runCheck({ host, command: 'true', cwd: join(dir, 'missing'), name: 'check: nowhere' });
    expect(run).toMatchObject({ sessionId: null, exitCode: null, timedOut: false });
    expect(run.outputTail).toMatch(/^check could not start: /);
  });
});
