import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../server/store/store';
import type { AppendEvent } from '../server/store/store-types';
import { untouchedTaskFields, type TaskId } from '../protocol/task';

/**
 * Write throughput of the durable record (server/store) on a real file in a temp folder:
 * - single appends, each its own transaction (what a command's "record, then ack" costs);
 * - bulk appends, `batch` events per transaction (appendMany), for a few and for many tasks;
 * - task upserts (recordTask, with its edges), the task layer's other hot write;
 * - the JSONL export read rate.
 * Payloads look like the task layer's: a state change with a small object.
 */
export interface StoreBenchResult {
  singleAppendsPerSec: number;
  singleAppendP50Us: number;
  singleAppendP99Us: number;
  bulkAppendsPerSec: number;
  bulkAppendsPerSecManyTasks: number;
  bulkBatch: number;
  activeTasks: number;
  manyTasks: number;
  taskUpsertsPerSec: number;
  exportLinesPerSec: number;
  exportMiBPerSec: number;
  events: number;
  diskMiB: number;
}

export interface StoreBenchOptions {
  singleAppends: number;
  bulkAppends: number;
  bulkBatch: number;
  taskUpserts: number;
}

/** Tasks whose events interleave. 8 is the default AXIOM_MAX_RUNNING (the usual case);
 * 500 spreads every transaction over hundreds of index pages, each rewritten whole into the
 * WAL on commit — the worst case for the per-task and per-session indexes. */
const ACTIVE_TASKS = 8;
const MANY_TASKS = 500;

function event(i: number, tasks: number): AppendEvent {
  return {
    type: 'task.state',
    taskId: `t-bench${String(i % tasks).padStart(5, '0')}`,
    sessionId: `s-bench${String(i % tasks).padStart(5, '0')}`,
    data: { from: 'busy', to: i % 2 === 0 ? 'idle' : 'busy', signal: 'hook', receipt: { id: i, text: 'run the tests ✓' } },
  };
}

export function measureStore(options: StoreBenchOptions): StoreBenchResult {
  const dir = mkdtempSync(join(tmpdir(), 'axiom-bench-store-'));
  const store = openStore({ dataDir: dir });
  try {
    const samplesUs: number[] = [];
    let t0 = performance.now();
    for (let i = 0; i < options.singleAppends; i += 1) {
      const s = performance.now();
      store.append(event(i, ACTIVE_TASKS));
      samplesUs.push((performance.now() - s) * 1000);
    }
    const singleSec = (performance.now() - t0) / 1000;
    samplesUs.sort((a, b) => a - b);
    const pct = (p: number): number => samplesUs[Math.min(samplesUs.length - 1, Math.floor(p * samplesUs.length))] ?? 0;

    const bulk = (tasks: number): number => {
      const start = performance.now();
      for (let i = 0; i < options.bulkAppends; i += options.bulkBatch) {
        const batch = Array.from({ length: Math.min(options.bulkBatch, options.bulkAppends - i) }, (_, k) => event(i + k, tasks));
        store.appendMany(batch);
      }
      return (performance.now() - start) / 1000;
    };
    const bulkSec = bulk(ACTIVE_TASKS);
    const bulkManySec = bulk(MANY_TASKS);

    t0 = performance.now();
    for (let i = 0; i < options.taskUpserts; i += 1) {
      const id = `t-bench${String(i % 500).padStart(5, '0')}` as TaskId;
      store.recordTask({
        ...untouchedTaskFields(),
        id, name: `bench ${i % 500}`, prompt: 'run the tests', agent: 'shell', state: i % 2 === 0 ? 'busy' : 'idle',
        parentId: i % 500 === 0 ? null : ('t-bench00000' as TaskId), createdAt: 1_700_000_000_000 + (i % 500), attempts: 1,
      });
    }
    const upsertSec = (performance.now() - t0) / 1000;

    t0 = performance.now();
    let bytes = 0;
    const { count } = store.exportJsonl((line) => {
      bytes += line.length;
    });
    const exportSec = (performance.now() - t0) / 1000;
    const stats = store.stats();
    return {
      singleAppendsPerSec: Math.round(options.singleAppends / singleSec),
      singleAppendP50Us: round(pct(0.5)),
      singleAppendP99Us: round(pct(0.99)),
      bulkAppendsPerSec: Math.round(options.bulkAppends / bulkSec),
      bulkAppendsPerSecManyTasks: Math.round(options.bulkAppends / bulkManySec),
      bulkBatch: options.bulkBatch,
      activeTasks: ACTIVE_TASKS,
      manyTasks: MANY_TASKS,
      taskUpsertsPerSec: Math.round(options.taskUpserts / upsertSec),
      exportLinesPerSec: Math.round(count / exportSec),
      events: stats.events,
      exportMiBPerSec: round(bytes / 1024 / 1024 / exportSec),
      diskMiB: round(stats.diskBytes / 1024 / 1024),
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
