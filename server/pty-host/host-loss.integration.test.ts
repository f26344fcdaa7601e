import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../protocol/session';
import { FINAL_TASK_STATES, type TaskCreated, type TaskInfo } from '../../protocol/task';
import { liveSessionMembers } from '../pty/testing/session-members';
import { recordingsDir } from '../recording/recorder';
import { freePort, ptyHostPid, startConsoleProcess, stopAndRemove, type ConsoleProcess } from './testing/console-process';
import { counterShell, rest, until } from './testing/rest';

/**
 * Fault test: kill -9 of the pty host. Every session it had ends (exited, signal SIGKILL:
 * lost with the host) and every task ends in a final state within seconds, with no
 * process of theirs left (not even one that ignores SIGHUP); the recordings stay on disk;
 * a fresh host serves new sessions.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'axiom-fault-host-'));
let c: ConsoleProcess | undefined;

afterAll(async () => {
  await stopAndRemove(c, dataDir);
});

describe('kill -9 of the pty host', () => {
  it('ends every session and task, leaves no process behind, keeps the recordings, starts a fresh host', async () => {
    c = await startConsoleProcess({ dataDir, port: await freePort() });
    const origin = c.origin;
    const sessions = [
      await rest<SessionInfo>(origin, 'POST', '/api/sessions', { ...counterShell(50), name: 'busy' }),
      await rest<SessionInfo>(origin, 'POST', '/api/sessions', { command: 'bash', args: ['--norc', '-c', "trap '' HUP; echo deaf; sleep 1000"], name: 'deaf' }),
    ];
    const tasks: TaskCreated[] = [];
    for (let i = 0; i < 3; i++) tasks.push(await rest<TaskCreated>(origin, 'POST', '/api/tasks', { prompt: `echo task-${i}`, agent: 'shell' }));
    await until(async () => {
      const all = await rest<TaskInfo[]>(origin, 'GET', '/api/tasks');
      return all.every((t) => t.sessionId !== null && t.state !== 'starting');
    }, 10_000, 'tasks to start');
    const all = await rest<SessionInfo[]>(origin, 'GET', '/api/sessions');
    expect(all).toHaveLength(5);
    await new Promise((r) => setTimeout(r, 400)); // let the recorder write (200 ms flush)

    const hostPid = ptyHostPid(dataDir) as number;
    const killedAt = performance.now();
    process.kill(hostPid, 'SIGKILL');

    await until(async () => {
      // A request in flight when the host died fails (failed:internal): asked again.
      const now = await rest<SessionInfo[]>(origin, 'GET', '/api/sessions').catch(() => undefined);
      const tasksNow = await rest<TaskInfo[]>(origin, 'GET', '/api/tasks');
      return now?.length === 0 && tasksNow.every((t) => FINAL_TASK_STATES.has(t.state));
    }, 10_000, 'every session gone and every task final');
    const finalMs = performance.now() - killedAt;

    // The sessions were lost; the record says so, with the lost marker.
    const history = await rest<{ items?: SessionInfo[] } | SessionInfo[]>(origin, 'GET', '/api/history/sessions');
    const stored = Array.isArray(history) ? history : (history.items ?? []);
    for (const s of all) {
      const row = stored.find((h) => h.id === s.id);
      expect(row?.status).toBe('exited');
      expect(row?.signal).toBe('SIGKILL');
      // No process of the lost session is left, including the one that ignores SIGHUP.
      expect(liveSessionMembers(s.pid as number)).toEqual([]);
      const cast = join(recordingsDir(dataDir), `${s.id}.cast`);
      expect(existsSync(cast) && statSync(cast).size > 0).toBe(true);
    }
    const tasksNow = await rest<TaskInfo[]>(origin, 'GET', '/api/tasks');
    expect(tasksNow.map((t) => t.state).every((s) => FINAL_TASK_STATES.has(s))).toBe(true);

    // A fresh host serves new sessions.
    const fresh = await rest<SessionInfo>(origin, 'POST', '/api/sessions', { command: 'bash', args: ['--norc', '-c', 'echo fresh; sleep 30'] });
    expect(fresh.status).not.toBe('exited');
    const newHost = ptyHostPid(dataDir);
    expect(newHost).toBeDefined();
    expect(newHost).not.toBe(hostPid);
    console.log(`[fault] pty host kill -9: ${all.length} sessions (3 tasks) all final ${finalMs.toFixed(0)} ms after the kill, 0 processes left, recordings kept`);
  }, 60_000);
});
