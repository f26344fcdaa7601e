import type { Proof } from '../../protocol/verification';
import type { SessionHost } from '../sessions/session-host';
import { formatMs, runCheck, type CheckOutcome } from './check-runner';
import { defaultCheck } from './default-check';
import { diffSnapshots, type UnifiedDiff } from './workspace-diff';
import { compareSnapshots, diffStat, snapshotWorkspace, type SnapshotLimits, type WorkspaceSnapshot } from './workspace-snapshot';
import { checkSessionName } from './check-session-name';

/**
 * Proof that a task did what it claims: a baseline of its workspace when it starts, and
 * at the end of a turn the files changed since and its check run in a visible PTY.
 *
 * The rules (one line of reason each, see `judge`):
 * - files must have changed (unless the caller says otherwise); if none did, the check is
 *   not run at all: the answer is "needs work" whatever it says, and a 10-minute suite
 *   would only delay the feedback to the agent;
 * - the check (the task's, else the workspace's default) must exit 0;
 * - no check anywhere: changed files are enough, and the reason says no check ran.
 * Two verify calls for one task run one after the other (the second waits, then looks
 * at the workspace afresh): a turn that ended during a check must be judged on its own
 * files, and two checks at once in one workspace would trip over each other.
 */
export interface VerificationServiceOptions {
  host: SessionHost;
  now?: () => number;
  checkTimeoutMs?: number;
  snapshotLimits?: Partial<SnapshotLimits>;
}

export interface VerifyInput {
  taskId: string;
  taskName: string;
  workspacePath: string;
  /** The task's check; null → the workspace's default check, if any. */
  check: string | null;
  attempt: number;
  /** Default true. */
  requireChanges?: boolean;
}

interface TaskState {
  baseline: WorkspaceSnapshot | null;
  proof: Proof | null;
  /** The verify in progress (or the last one), to chain the next one after it. */
  chain: Promise<unknown>;
}

export class VerificationService {
  private readonly tasks = new Map<string, TaskState>();
  private readonly now: () => number;

  constructor(private readonly options: VerificationServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** At task start, before the agent runs: what "changed" is measured against. */
  async baseline(taskId: string, workspacePath: string): Promise<void> {
    const st = this.state(taskId);
    // In the chain, so a verify asked while the baseline is still being taken waits for it.
    const run = st.chain.then(async () => {
      st.baseline = await snapshotWorkspace(workspacePath, this.options.snapshotLimits);
    });
    st.chain = run.catch(() => undefined);
    await run;
  }

  verify(input: VerifyInput): Promise<Proof> {
    const st = this.state(input.taskId);
    const run = st.chain.then(
      () => this.runVerify(input),
      () => this.runVerify(input),
    );
    st.chain = run.catch(() => undefined);
    return run;
  }

  proof(taskId: string): Proof | null {
    return this.tasks.get(taskId)?.proof ?? null;
  }

  async diff(taskId: string, workspacePath: string, maxBytes?: number): Promise<UnifiedDiff> {
    const baseline = this.tasks.get(taskId)?.baseline;
    if (baseline === undefined || baseline === null) return { diff: '', truncated: false };
    const after = await snapshotWorkspace(workspacePath, this.options.snapshotLimits);
    return diffSnapshots(baseline, after, compareSnapshots(baseline, after), maxBytes);
  }

  /** The task is gone: drop its baseline (up to 16 MiB of text) and proof. */
  forget(taskId: string): void {
    this.tasks.delete(taskId);
  }

  private async runVerify(input: VerifyInput): Promise<Proof> {
    const requireChanges = input.requireChanges ?? true;
    const st = this.state(input.taskId);
    const baseline = st.baseline;
    const after = await snapshotWorkspace(input.workspacePath, this.options.snapshotLimits);
    const files = baseline === null ? [] : compareSnapshots(baseline, after);
    const base = { taskId: input.taskId, files, diffStat: diffStat(files), attempt: input.attempt };
    if (baseline === null && requireChanges) {
      return this.publish(st, { ...base, state: 'needs-work', reason: 'no baseline of the workspace: cannot tell what changed', check: null, at: this.now() });
    }
    if (requireChanges && files.length === 0) {
      return this.publish(st, { ...base, state: 'needs-work', reason: 'no file changed in the workspace', check: null, at: this.now() });
    }
    const command = input.check ?? (await defaultCheck(input.workspacePath));
    if (command === null) {
      const reason = files.length > 0 ? `${countFiles(files.length)} changed; no check configured` : 'no check configured; no change required';
      return this.publish(st, { ...base, state: 'verified', reason, check: null, at: this.now() });
    }
    this.publish(st, { ...base, state: 'checking', reason: `running ${command}`, check: null, at: this.now() });
    const outcome = await runCheck({
      host: this.options.host,
      command,
      cwd: input.workspacePath,
      name: checkSessionName(input.taskName),
      timeoutMs: this.options.checkTimeoutMs,
      now: this.now,
    });
    const { timedOut: _timedOut, ...check } = outcome;
    const { state, reason } = judge(files.length, outcome);
    return this.publish(st, { ...base, state, reason, check, at: this.now() });
  }

  private publish(st: TaskState, proof: Proof): Proof {
    st.proof = proof;
    return proof;
  }

  private state(taskId: string): TaskState {
    let st = this.tasks.get(taskId);
    if (st === undefined) {
      st = { baseline: null, proof: null, chain: Promise.resolve() };
      this.tasks.set(taskId, st);
    }
    return st;
  }
}

/** The verdict once a check ran (the no-change and no-check cases are decided before). */
function judge(changedFiles: number, check: CheckOutcome): { state: 'verified' | 'needs-work'; reason: string } {
  const failure = checkFailure(check);
  if (failure === null) {
    return { state: 'verified', reason: changedFiles > 0 ? `${countFiles(changedFiles)} changed, check passed` : 'check passed' };
  }
  return { state: 'needs-work', reason: changedFiles > 0 ? `${countFiles(changedFiles)} changed, but the ${failure}` : failure };
}

/** Null when the check passed, else what went wrong ("check failed (exit 1)"). */
function checkFailure(check: CheckOutcome): string | null {
  if (check.timedOut) return `check timed out after ${formatMs(check.durationMs)}`;
  if (check.sessionId === null) return 'check could not start';
  if (check.exitCode === 0) return null;
  if (check.exitCode !== null) return `check failed (exit ${check.exitCode})`;
  if (check.signal !== null) return `check was killed (${check.signal})`;
  return 'check ended without an exit code';
}

function countFiles(n: number): string {
  return n === 1 ? '1 file' : `${n} files`;
}
