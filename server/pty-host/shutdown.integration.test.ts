import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../protocol/session';
import type { TaskCreated, TaskInfo } from '../../protocol/task';
import { liveSessionMembers } from '../pty/testing/session-members';
import { pidAlive } from './host-files';
import { freePort, ptyHostPid, startConsoleProcess, type ConsoleProcess } from './testing/console-process';
import { rest, until } from './testing/rest';

/**
 * Fault tests: stopping agents that ignore SIGHUP, and the console's graceful shutdown,
 * with real signals. AXIOM_KILL_GRACE_MS is 500 in these consoles.
 */
const GRACE_MS = 500;
/** Grace, then SIGKILL and the /proc rescans that confirm the tree is gone. */
const STOP_BUDGET_MS = GRACE_MS + 1500;
const DEAF = { command: 'bash', args: ['--norc', '--noprofile', '-c', "trap '' HUP; echo deaf-ready; sleep 1000; echo never"] };

const dirs: string[] = [];
const running: ConsoleProcess[] = [];
afterAll(async () => {
  for (const c of running) await c.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}, dataDir?: string): Promise<{ c: ConsoleProcess; dataDir: string }> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'axiom-fault-stop-'));
  if (dataDir === undefined) dirs.push(dir);
  const c = await startConsoleProcess({ dataDir: dir, port: await freePort(), env });
  running.push(c);
  return { c, dataDir: dir };
}

async function stopped(c: ConsoleProcess): Promise<void> {
  await c.stop();
  running.splice(running.indexOf(c), 1);
}

async function deafSession(origin: string): Promise<SessionInfo> {
  const s = await rest<SessionInfo>(origin, 'POST', '/api/sessions', DEAF);
  await until(async () => (await rest<{ text: string }>(origin, 'GET', `/api/sessions/${s.id}/screen`)).text.includes('deaf-ready'), 10_000, 'the trap to be set');
  return s;
}

describe('stopping agents', () => {
  it('kills an agent that ignores SIGHUP, whole tree, within the grace time', async () => {
    const { c } = await start();
    const s = await deafSession(c.origin);
    expect(liveSessionMembers(s.pid as number).length).toBeGreaterThanOrEqual(2); // bash + sleep
    const t0 = performance.now();
    await rest(c.origin, 'POST', `/api/sessions/${s.id}/kill`, {});
    await until(() => liveSessionMembers(s.pid as number).length === 0, STOP_BUDGET_MS, 'the tree to be gone');
    const ms = performance.now() - t0;
    console.log(`[fault] SIGHUP-ignoring agent: tree gone ${ms.toFixed(0)} ms after kill (grace ${GRACE_MS} ms)`);
    await stopped(c);
  }, 60_000);

  it('SIGTERM to the console stops every agent and the pty host: no process left', async () => {
    const { c, dataDir } = await start();
    const sessions = [await deafSession(c.origin), await deafSession(c.origin)];
    const hostPid = ptyHostPid(dataDir) as number;
    const t0 = performance.now();
    expect(await c.stop()).toBe(0);
    running.splice(running.indexOf(c), 1);
    await until(() => !pidAlive(hostPid) && sessions.every((s) => liveSessionMembers(s.pid as number).length === 0), STOP_BUDGET_MS, 'no process left');
    console.log(`[fault] graceful stop: console, pty host and 2 SIGHUP-ignoring agents gone ${(performance.now() - t0).toFixed(0)} ms after SIGTERM`);
  }, 60_000);

  it('tasks open at a graceful stop are recorded as stopped, and the next console shows them so', async () => {
    const first = await start();
    const task = await rest<TaskCreated>(first.c.origin, 'POST', '/api/tasks', { prompt: 'echo task-at-shutdown', agent: 'shell' });
    await until(async () => (await rest<TaskInfo>(first.c.origin, 'GET', `/api/tasks/${task.id}`)).state === 'idle', 10_000, 'the task to be idle');
    await stopped(first.c);

    // Before, the next console found the task open with its session gone and ended it as
    // failed, "lost with the pty host": a crash, which it was not.
    const second = await start({}, first.dataDir);
    const { task: after, events } = await rest<{ task: TaskInfo; events: { type: string; data: unknown }[] }>(second.c.origin, 'GET', `/api/history/tasks/${task.id}`);
    expect(after).toMatchObject({ state: 'stopped', error: null });
    expect(after.endedAt).not.toBeNull();
    expect(events.filter((e) => e.type === 'task.state').map((e) => e.data)).toContainEqual({ from: 'idle', to: 'stopped', error: null, reason: 'the console was shut down' });
    await stopped(second.c);
  }, 60_000);

  it('with AXIOM_KEEP_AGENTS=1 the agents outlive a graceful stop and the next console reattaches', async () => {
    const first = await start({ AXIOM_KEEP_AGENTS: '1' });
    const s = await deafSession(first.c.origin);
    const hostPid = ptyHostPid(first.dataDir) as number;
    await stopped(first.c);
    expect(pidAlive(hostPid)).toBe(true);
    expect(liveSessionMembers(s.pid as number).length).toBeGreaterThan(0);

    const second = await start({}, first.dataDir);
    const listed = await rest<SessionInfo[]>(second.c.origin, 'GET', '/api/sessions');
    expect(listed.map((x) => [x.id, x.status])).toEqual([[s.id, 'running']]);
    expect(ptyHostPid(first.dataDir)).toBe(hostPid);
    await stopped(second.c);
    await until(() => !pidAlive(hostPid) && liveSessionMembers(s.pid as number).length === 0, STOP_BUDGET_MS, 'no process left');
  }, 60_000);
});
