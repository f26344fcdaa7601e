import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../protocol/session';
import type { TaskCreated, TaskInfo } from '../../protocol/task';
import { openStore } from '../store/store';
import type { StoredEvent } from '../store/store-types';
import { liveSessionMembers } from '../pty/testing/session-members';
import { freePort, ptyHostPid, startConsoleProcess, stopAndRemove, type ConsoleProcess } from './testing/console-process';
import { counterShell, rest, ticks, until } from './testing/rest';
import { streamClient, type StreamClient } from './testing/stream-client';

/**
 * Fault test: kill -9 of the web server while 10 sessions print a counter and a shell
 * task runs. The pty host keeps them; a console started again on the same data folder
 * reattaches, the socket.io client comes back on its own and resumes every stream from
 * its next byte (no gap, no snapshot), and nothing committed to the store is missing.
 */
const SESSIONS = 10;
const dataDir = mkdtempSync(join(tmpdir(), 'axiom-fault-web-'));
let current: ConsoleProcess | undefined;
let client: StreamClient | undefined;

afterAll(async () => {
  client?.close();
  await stopAndRemove(current, dataDir);
});

function readLedger(): StoredEvent[] {
  const store = openStore({ dataDir });
  try {
    return store.events({ limit: 10_000 });
  } finally {
    store.close();
  }
}

describe('kill -9 of the web server', () => {
  it('loses no session, no byte of output and no committed event; clients are back within 2 s', async () => {
    const port = await freePort();
    current = await startConsoleProcess({ dataDir, port });
    const hostPid = ptyHostPid(dataDir);
    expect(hostPid).toBeDefined();

    const sessions: SessionInfo[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      sessions.push(await rest<SessionInfo>(current.origin, 'POST', '/api/sessions', { ...counterShell(20), name: `busy-${i}` }));
    }
    const task = await rest<TaskCreated>(current.origin, 'POST', '/api/tasks', { prompt: 'echo task-says-$((6*7))', agent: 'shell' });
    client = streamClient(current.origin);
    for (const s of sessions) await client.watch(s.id);
    const watching = client;
    await until(() => sessions.every((s) => ticks(watching.streams.get(s.id)?.text ?? '').length >= 5), 10_000, 'output');
    await until(async () => (await rest<TaskInfo>(current?.origin ?? '', 'GET', `/api/tasks/${task.id}`)).state === 'idle', 10_000, 'the task to be idle');

    const committed = readLedger();
    await current.kill9();
    const restartAt = performance.now();
    // Output continues while no web server is there: the host keeps it in the replay rings.
    await new Promise((r) => setTimeout(r, 300));
    current = await startConsoleProcess({ dataDir, port });
    const restartMs = current.readyAtMs - restartAt;

    await until(() => watching.reattached.length > 0, 5000, 'the client to reattach');
    const reconnectMs = (watching.connects.at(-1) ?? Infinity) - current.readyAtMs;
    const reattachMs = (watching.reattached.at(-1) ?? Infinity) - current.readyAtMs;
    expect(reconnectMs).toBeLessThan(2000);

    // Same host, same processes, all running.
    expect(ptyHostPid(dataDir)).toBe(hostPid);
    const after = await rest<SessionInfo[]>(current.origin, 'GET', '/api/sessions');
    for (const s of sessions) {
      const now = after.find((a) => a.id === s.id);
      expect(now?.status).toBe('running');
      expect(now?.pid).toBe(s.pid);
    }
    // Streams: resumed by replay from the next byte, then the counter runs on without a gap.
    const lastTicks = new Map(sessions.map((s) => [s.id, ticks(watching.streams.get(s.id)?.text ?? '').at(-1) ?? 0]));
    await until(
      () => sessions.every((s) => (ticks(watching.streams.get(s.id)?.text ?? '').at(-1) ?? 0) > (lastTicks.get(s.id) ?? 0) + 10),
      10_000,
      'output after the restart',
    );
    for (const s of sessions) {
      const state = watching.streams.get(s.id);
      expect(state?.gaps).toBe(0);
      expect(state?.attaches).toEqual(['snapshot', 'replay']);
      expect(state?.snapshots).toBe(1);
      const seen = ticks(state?.text ?? '');
      expect(seen.every((n, i) => i === 0 || n === (seen[i - 1] ?? 0) + 1)).toBe(true);
    }

    // The task was adopted: still open, same session, a fresh monitor.
    const adopted = await rest<TaskInfo>(current.origin, 'GET', `/api/tasks/${task.id}`);
    expect(['idle', 'busy', 'starting']).toContain(adopted.state);
    expect(adopted.sessionId).toBe(task.sessionId);

    // Every committed event is still there, unchanged; reattaching added no `session.created`.
    const ledger = readLedger();
    const bySeq = new Map(ledger.map((e) => [e.seq, e]));
    for (const e of committed) expect(bySeq.get(e.seq)).toEqual(e);
    const createdAgain = ledger.filter((e) => e.seq > (committed.at(-1)?.seq ?? 0) && e.type === 'session.created');
    expect(createdAgain).toEqual([]);
    expect(ledger.some((e) => e.type === 'task.adopted' && e.taskId === task.id)).toBe(true);

    console.log(
      `[fault] web server kill -9: ${SESSIONS} sessions + 1 task kept; restart ${restartMs.toFixed(0)} ms ` +
        `(kill to listening), socket.io reconnect ${reconnectMs.toFixed(0)} ms and all ${SESSIONS} streams ` +
        `resumed ${reattachMs.toFixed(0)} ms after listening; ${committed.length} committed events all kept; 0 gaps`,
    );
    expect(sessions.every((s) => s.pid !== null && liveSessionMembers(s.pid).length > 0)).toBe(true);
  }, 90_000);
});
