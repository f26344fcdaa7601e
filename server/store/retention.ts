import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logger';
import type { SessionHost } from '../sessions/session-host';
import { planPrune, type RecordingFile, type RetentionPolicy } from './retention-plan';
import type { PruneSummary, Store } from './store-types';

/**
 * The retention sweep's I/O shell: at start and then every hour, works out what is past
 * the policy (retention-plan.ts) and deletes it: store rows and their events in one
 * transaction, then the recording files. A console left running for weeks keeps a
 * bounded history and a bounded recordings folder.
 */
export const RETENTION_SWEEP_MS = 60 * 60 * 1000;

export interface RetentionOptions {
  store: Store;
  /** Folder of `<sessionId>.cast` files; undefined when recording is off. */
  recordingsDir: string | undefined;
  host: Pick<SessionHost, 'request'>;
  policy: RetentionPolicy;
  log: Logger;
  now?: () => number;
  everyMs?: number;
}

export interface SweepSummary extends PruneSummary {
  recordings: number;
  recordingBytes: number;
}

export interface Retention {
  sweep(): Promise<SweepSummary>;
  stop(): void;
}

export function startRetention(o: RetentionOptions): Retention {
  const now = o.now ?? Date.now;
  let running: Promise<SweepSummary> | null = null;

  const sweepOnce = async (): Promise<SweepSummary> => {
    // Every session the host still lists (running, or exited but restartable) is kept.
    const listed = await o.host.request({ type: 'list' });
    if (!listed.ok) throw new Error(`the session list is unavailable: ${listed.error.message}`);
    const liveSessionIds = new Set<string>(listed.value.map((s) => s.id));
    const recordings = o.recordingsDir === undefined ? [] : await listRecordings(o.recordingsDir);
    const plan = planPrune({ now: now(), ...o.store.retentionRows(), recordings, liveSessionIds }, o.policy);
    const pruned = o.store.prune(plan);
    let deleted = 0;
    for (const id of plan.recordingIds) {
      if (o.recordingsDir === undefined) break;
      try {
        await unlink(join(o.recordingsDir, `${id}.cast`));
        deleted += 1;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') o.log.log('warn', `retention: could not delete the recording of ${id}`, error);
      }
    }
    const summary = { ...pruned, recordings: deleted, recordingBytes: plan.recordingBytes };
    if (summary.sessions + summary.tasks + summary.events + summary.recordings > 0) {
      o.log.log(
        'info',
        `retention: deleted ${summary.sessions} sessions, ${summary.tasks} tasks, ${summary.events} events and ` +
          `${summary.recordings} recordings (${(summary.recordingBytes / 1024 / 1024).toFixed(1)} MiB)`,
      );
    }
    return summary;
  };

  const sweep = (): Promise<SweepSummary> => {
    // One sweep at a time: the hourly timer never overlaps a slow one.
    running ??= sweepOnce().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => {
    sweep().catch((error: unknown) => o.log.log('warn', 'retention sweep failed', error));
  }, o.everyMs ?? RETENTION_SWEEP_MS);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}

async function listRecordings(dir: string): Promise<RecordingFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: RecordingFile[] = [];
  for (const name of names) {
    if (!name.endsWith('.cast')) continue;
    try {
      const s = await stat(join(dir, name));
      if (s.isFile()) files.push({ sessionId: name.slice(0, -'.cast'.length), bytes: s.size, mtimeMs: s.mtimeMs });
    } catch {
      // Deleted meanwhile: nothing to do.
    }
  }
  return files;
}
