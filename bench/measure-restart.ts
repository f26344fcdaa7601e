import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionInfo } from '../protocol/session';
import { freePort, startConsoleProcess, type ConsoleProcess } from '../server/pty-host/testing/console-process';
import { counterShell, rest, until } from '../server/pty-host/testing/rest';
import { streamClient } from '../server/pty-host/testing/stream-client';
import { summarize, type Summary } from './lib/stats';

/**
 * Restart to reconnected: the web server (without the dashboard) is killed with kill -9
 * while a session prints a counter, and started again on the same data folder. Timed from
 * the moment the new process is spawned:
 * - listening: it printed its URL (node + tsx + reattaching the pty host);
 * - reattached: a socket.io client that was watching reconnected on its own and resumed
 *   the stream from its next byte (replay), as a dashboard tab does;
 * - snapshot: a client that connects fresh then (a reloaded tab) got the screen snapshot.
 */
export interface RestartResult {
  runs: number;
  listeningMs: Summary;
  reattachedMs: Summary;
  snapshotMs: Summary;
  /** Reattached, counted from listening: how long browsers take to come back once the
   * console is up again (the "within 2 s of the restart"). */
  backAfterListeningMs: Summary;
  /** Frames that did not continue the stream where it stopped (must be 0). */
  gaps: number;
}

export async function measureRestart(runs: number): Promise<RestartResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'axiom-bench-restart-'));
  const port = await freePort();
  let current: ConsoleProcess = await startConsoleProcess({ dataDir, port });
  const watcher = streamClient(current.origin);
  const listening: number[] = [];
  const reattached: number[] = [];
  const snapshot: number[] = [];
  const back: number[] = [];
  try {
    const session = await rest<SessionInfo>(current.origin, 'POST', '/api/sessions', { ...counterShell(20), name: 'restart-bench' });
    await watcher.watch(session.id);
    for (let i = 0; i < runs; i++) {
      await new Promise((r) => setTimeout(r, 300));
      await current.kill9();
      const reattachesBefore = watcher.reattached.length;
      const spawnedAt = performance.now();
      current = await startConsoleProcess({ dataDir, port });
      listening.push(current.readyAtMs - spawnedAt);
      const fresh = streamClient(current.origin);
      try {
        await fresh.watch(session.id);
        await until(() => (fresh.streams.get(session.id)?.snapshots ?? 0) > 0, 10_000, 'the snapshot');
        snapshot.push(performance.now() - spawnedAt);
      } finally {
        fresh.close();
      }
      await until(() => watcher.reattached.length > reattachesBefore, 10_000, 'the watcher to reattach');
      reattached.push((watcher.reattached.at(-1) ?? Number.NaN) - spawnedAt);
      back.push((watcher.reattached.at(-1) ?? Number.NaN) - current.readyAtMs);
    }
    return {
      runs,
      listeningMs: summarize(listening),
      reattachedMs: summarize(reattached),
      snapshotMs: summarize(snapshot),
      backAfterListeningMs: summarize(back),
      gaps: [...watcher.streams.values()].reduce((n, s) => n + s.gaps, 0),
    };
  } finally {
    watcher.close();
    await current.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
