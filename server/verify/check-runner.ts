import type { SessionId } from '../../protocol/ids';
import type { SessionInfo } from '../../protocol/session';
import type { CheckRun } from '../../protocol/verification';
import type { HostEvent, SessionHost } from '../sessions/session-host';
import { OutputTail } from './output-tail';

/**
 * Runs a check command in its own PTY session through the host, so it is a pane the user
 * can watch like any agent, and reads its output as one more viewer of that session.
 * The session stays in the host after the run: the pane keeps the full output.
 */
export interface RunCheckOptions {
  host: SessionHost;
  command: string;
  cwd: string;
  /** The pane's name ("check: <task name>"). */
  name: string;
  timeoutMs?: number;
  now?: () => number;
}

/** A CheckRun plus what the proof's reason needs to tell a timeout from a crash. */
export interface CheckOutcome extends CheckRun {
  timedOut: boolean;
}

/** 10 minutes: a full test suite of a mid-sized project; past it, something hangs. */
const DEFAULT_CHECK_TIMEOUT_MS = 10 * 60 * 1000;
/** After the exit, how long to wait for the last frames to reach us (they are already in
 * the session's ring; this only covers the deferred pump of a fresh viewer). */
const DRAIN_MS = 2000;
/** A wide pane: test runners wrap their output to the terminal's width. */
const CHECK_COLS = 120;
const CHECK_ROWS = 30;
/** Tells test runners they are not interactive: vitest and jest would otherwise start in
 * watch mode in a TTY and never exit. Colours stay on (the pane shows them; the tail
 * strips them). */
const CHECK_ENV: Record<string, string> = { CI: '1' };

export async function runCheck(opts: RunCheckOptions): Promise<CheckOutcome> {
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const startedAt = now();
  const tail = new OutputTail();
  const viewerId = `verify-${startedAt.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let id: SessionId | null = null;
  let received = 0;
  let exited: SessionInfo | null = null;
  let removed = false;
  // Exits seen before create replied (a host in another process may report first).
  const earlyExits = new Map<SessionId, SessionInfo>();
  let wake: () => void = () => undefined;

  const off = opts.host.onEvent((e: HostEvent) => {
    if (e.type === 'session:updated' && e.info.status === 'exited') {
      if (id === null) earlyExits.set(e.info.id, e.info);
      else if (e.info.id === id) exited = e.info;
    } else if (e.type === 'session:removed' && e.id === id) {
      removed = true;
    } else if (e.type === 'output' && e.viewerId === viewerId && e.id === id) {
      tail.write(e.data);
      received = e.seq + e.data.byteLength;
      // The window stays open only while we ack; the reply carries nothing we need.
      opts.host.send({ type: 'ack', id: e.id, viewerId, seq: received });
    } else if (e.type === 'snapshot' && e.viewerId === viewerId && e.snapshot.id === id) {
      // Only if we fell off the ring (more than its size before we attached): the screen
      // is the best account of what came before.
      tail.reset();
      tail.writeText(e.snapshot.data);
      received = e.snapshot.seq;
    } else {
      return;
    }
    wake();
  });

  try {
    const created = await opts.host.request({
      type: 'create',
      input: { command: 'bash', args: ['-c', opts.command], cwd: opts.cwd, name: opts.name, env: CHECK_ENV, cols: CHECK_COLS, rows: CHECK_ROWS },
    });
    if (!created.ok) {
      return { command: opts.command, sessionId: null, exitCode: null, signal: null, durationMs: now() - startedAt, outputTail: `check could not start: ${created.error.message}`, timedOut: false };
    }
    id = created.value.id;
    exited = earlyExits.get(id) ?? (created.value.status === 'exited' ? created.value : null);
    earlyExits.clear();
    // From byte 0: the ring still holds everything the check printed before we attached.
    const attached = await opts.host.request({ type: 'attach', id, viewerId, fromSeq: 0 });
    if (attached.ok && attached.value.info.status === 'exited') exited = attached.value.info;

    const deadline = startedAt + timeoutMs;
    let timedOut = false;
    while (exited === null && !removed) {
      const left = deadline - now();
      if (left <= 0) {
        timedOut = true;
        break;
      }
      await sleepUntilWoken((w) => (wake = w), Math.min(left, 1000));
      // A poll as well as events: a missed event must not turn into a 10-minute wait.
      if (exited === null && !removed) {
        const info = await opts.host.request({ type: 'get', id });
        if (info.ok && info.value.status === 'exited') exited = info.value;
        else if (!info.ok) removed = true;
      }
    }
    if (timedOut) {
      const killed = await opts.host.request({ type: 'kill', id });
      if (killed.ok && killed.value.status === 'exited') exited = killed.value;
    }
    const finalInfo: SessionInfo | null = exited;
    const endedAt = now();
    if (finalInfo !== null) {
      const drainUntil = Date.now() + DRAIN_MS;
      while (received < finalInfo.outputBytes && Date.now() < drainUntil) {
        await sleepUntilWoken((w) => (wake = w), 50);
      }
    }
    const durationMs = endedAt - startedAt;
    if (timedOut) {
      tail.note(`[axiom: check timed out after ${formatMs(timeoutMs)}; killed]`);
      return { command: opts.command, sessionId: id, exitCode: null, signal: finalInfo?.signal ?? 'SIGKILL', durationMs, outputTail: tail.text(), timedOut };
    }
    if (finalInfo === null) {
      tail.note('[axiom: the check session was removed before it ended]');
      return { command: opts.command, sessionId: id, exitCode: null, signal: null, durationMs, outputTail: tail.text(), timedOut };
    }
    return { command: opts.command, sessionId: id, exitCode: finalInfo.exitCode, signal: finalInfo.signal, durationMs, outputTail: tail.text(), timedOut };
  } finally {
    off();
    if (id !== null) {
      const sid = id;
      // The session stays for the user to look at; only our viewer goes. A session removed
      // meanwhile answers not_found, which is fine.
      void opts.host.request({ type: 'detach', id: sid, viewerId });
    }
  }
}

function sleepUntilWoken(setWake: (w: () => void) => void, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      setWake(() => undefined);
      resolve();
    }
    setWake(done);
  });
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms / 6000) / 10} min`;
}
