import { ancestorsOf, selectTreeTargets, type ProcEntry, type ProcIdentity } from './proc-table';
import { isNodeError, readProcTable } from './read-proc-table';

/** How often the tree is rescanned while waiting for it to go away: short enough that a
 * kill of a well-behaved program returns in tens of milliseconds, long enough that a
 * scan of /proc (a few ms) does not load the server. */
const TREE_POLL_MS = 40;
/** After SIGKILL nothing can resist except a process stuck in the kernel (state D); we wait
 * this long for the tree to vanish and then give up rather than hang a request forever. */
const AFTER_SIGKILL_WAIT_MS = 2000;

export interface KillTreeOptions {
  /** The PTY child: a session leader and process-group leader (forkpty calls setsid). */
  rootPid: number;
  rootStartTime?: number;
  graceMs: number;
  /** True once the root's exit was reported (all its output read). */
  rootExited: () => boolean;
  /** Injected for tests; default reads /proc. */
  readTable?: () => Promise<ProcEntry[]>;
  /** Injected for tests; default process.kill. */
  sendSignal?: (pid: number, signal: NodeJS.Signals) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface KillTreeResult {
  /** True when the tree had to be SIGKILLed after the grace time. */
  escalated: boolean;
  /** Processes still alive after SIGKILL and the final wait (should be empty). */
  survivors: number[];
}

/**
 * Graceful kill of a PTY child's whole tree: SIGHUP to the child's process group and to
 * every process of its session and their descendants (interactive bash puts each
 * foreground job in its own process group, so the group alone is not enough), then
 * SIGKILL to whatever is left after `graceMs`.
 */
export async function killProcessTree(opts: KillTreeOptions): Promise<KillTreeResult> {
  const readTable = opts.readTable ?? (() => readProcTable());
  const sendSignal = opts.sendSignal ?? defaultSendSignal;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = opts.now ?? Date.now;
  const remembered = new Map<number, ProcIdentity>();

  const scan = async (): Promise<ProcEntry[]> => {
    const table = await readTable();
    const alive = selectTreeTargets({
      table,
      rootPid: opts.rootPid,
      rootStartTime: opts.rootStartTime,
      remembered: [...remembered.values()],
      protectedPids: ancestorsOf(table, process.pid),
    });
    for (const p of alive) remembered.set(p.pid, { pid: p.pid, startTime: p.startTime });
    return alive;
  };
  const signalAll = (targets: readonly ProcEntry[], signal: NodeJS.Signals): void => {
    if (!opts.rootExited()) sendSignal(-opts.rootPid, signal);
    for (const p of targets) sendSignal(p.pid, signal);
  };

  let alive = await scan();
  if (alive.length === 0 && opts.rootExited()) return { escalated: false, survivors: [] };
  signalAll(alive, 'SIGHUP');
  const deadline = now() + opts.graceMs;
  while (now() < deadline) {
    await sleep(Math.min(TREE_POLL_MS, Math.max(1, deadline - now())));
    alive = await scan();
    if (alive.length === 0 && opts.rootExited()) return { escalated: false, survivors: [] };
  }
  signalAll(alive, 'SIGKILL');
  const killDeadline = now() + AFTER_SIGKILL_WAIT_MS;
  while (now() < killDeadline) {
    await sleep(TREE_POLL_MS);
    alive = await scan();
    if (alive.length === 0 && opts.rootExited()) break;
    signalAll(alive, 'SIGKILL');
  }
  return { escalated: true, survivors: alive.map((p) => p.pid) };
}

function defaultSendSignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (e) {
    // ESRCH: the process (or the whole group) exited between the scan and the signal —
    // exactly what we want, so nothing to report.
    if (isNodeError(e) && e.code === 'ESRCH') return;
    throw e;
  }
}
