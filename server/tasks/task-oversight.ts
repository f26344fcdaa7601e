import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TaskId, TaskInfo } from '../../protocol/task';
import { FINAL_TASK_STATES } from '../../protocol/task';
import type { Proof } from '../../protocol/verification';
import { err, ok, type Result } from '../../protocol/result';
import type { Logger } from '../logger';
import type { SteeringService } from '../steering/steering-service';
import { findEditConflicts, newEditPaths } from '../verify/edit-conflicts';
import type { TaskLedger, TaskService } from './task-service';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Oversight of running tasks, wiring the task lifecycle to verification and steering:
 * - task started → snapshot its workspace (the baseline);
 * - a turn ended → verify (what changed, the check in a visible PTY), then run the steering
 *   rules on what the agent said and did; a failed verification goes back to the agent
 *   when the task allows retries; a child's end is proposed to its parent;
 * - usage and budgets (wall time, turns, tokens): crossing one interrupts the agent,
 *   records a snapshot of its screen and notifies;
 * - the conflict radar: two running tasks from one source editing the same file.
 */
export interface Verifier {
  baseline(taskId: string, workspacePath: string): Promise<void>;
  verify(input: { taskId: string; taskName: string; workspacePath: string; check: string | null; attempt: number }): Promise<Proof>;
  proof(taskId: string): Proof | null;
  diff(taskId: string, workspacePath: string): Promise<{ diff: string; truncated: boolean }>;
  forget(taskId: string): void;
}

export interface UsageReader {
  (transcriptPath: string): Promise<{ turns: number; inputTokens: number; outputTokens: number }>;
}

export interface TaskOversightOptions {
  tasks: TaskService;
  steering: SteeringService;
  verifier: Verifier;
  readUsage: UsageReader;
  log: Logger;
  ledger?: Pick<TaskLedger, 'append'>;
  /** The Stop hook (with the agent's last message) can trail the idle screen a little. */
  settleMs?: number;
  budgetTickMs?: number;
}

const MAX_FILE_TEXTS = 20;
const MAX_FILE_TEXT_BYTES = 64 * 1024;

export class TaskOversight {
  private readonly attempts = new Map<TaskId, number>();
  private readonly retriesUsed = new Map<TaskId, number>();
  private readonly crossed = new Map<TaskId, Set<string>>();
  /** The conflict radar: each task's source and the files it wrote, from the source's root. */
  private readonly edits = new Map<TaskId, { source: string; paths: Set<string> }>();
  private readonly unsubscribe: Array<() => void>;
  private readonly timer: NodeJS.Timeout;
  private readonly verifying = new Map<TaskId, Promise<void>>();
  /** The console is stopping: a review still running (a check can take minutes) is not
   * waited for, and must not write into the store that closes next. */
  private disposed = false;

  constructor(private readonly o: TaskOversightOptions) {
    this.unsubscribe = [
      o.tasks.onLifecycle((e) => {
        if (e.type === 'started' && e.task.workspace !== null) {
          void o.verifier.baseline(e.task.id, e.task.workspace.path).catch((error: unknown) => o.log.log('warn', `baseline ${e.task.id} failed`, error));
        }
        if (e.type === 'turn-ended') this.afterTurn(e.task.id);
        if (e.type === 'hook') this.radar(e.task, e.payload);
        if (e.type === 'ended') this.forgetEdits(e.task.id);
      }),
      // A removed task's proof, baseline snapshot (up to 16 MiB) and counters go with it.
      o.tasks.onEvent((e) => {
        if (e.type === 'task:removed') this.forget(e.id);
      }),
    ];
    this.timer = setInterval(() => this.checkWallBudgets(), o.budgetTickMs ?? 1000);
    this.timer.unref();
  }

  proof(taskId: TaskId): Proof | null {
    return this.o.verifier.proof(taskId);
  }

  async diff(taskId: TaskId): Promise<Result<{ diff: string; truncated: boolean }>> {
    const task = this.o.tasks.get(taskId);
    if (!task.ok) return task;
    if (task.value.workspace === null) return err('not_found:task', 'the task has no workspace yet');
    return ok(await this.o.verifier.diff(taskId, task.value.workspace.path));
  }

  dispose(): void {
    this.disposed = true;
    for (const u of this.unsubscribe) u();
    clearInterval(this.timer);
  }

  private forget(id: TaskId): void {
    this.o.verifier.forget(id);
    this.attempts.delete(id);
    this.retriesUsed.delete(id);
    this.crossed.delete(id);
    this.verifying.delete(id);
    this.forgetEdits(id);
  }

  /** Verification and steering after a turn, one at a time per task. */
  private afterTurn(id: TaskId): void {
    const previous = this.verifying.get(id) ?? Promise.resolve();
    const next = previous
      .then(() => sleep(this.o.settleMs ?? 400, undefined, { ref: false }))
      .then(() => (this.disposed ? undefined : this.review(id)))
      .catch((error: unknown) => this.o.log.log(this.disposed ? 'debug' : 'error', `review of ${id} failed${this.disposed ? ' (the console was stopping)' : ''}`, error));
    this.verifying.set(id, next);
  }

  private async review(id: TaskId): Promise<void> {
    const { tasks, steering, verifier } = this.o;
    const start = tasks.get(id);
    if (!start.ok || start.value.workspace === null) return;
    const stop = tasks.lastStopOf(id);
    await this.updateUsage(start.value, stop.transcriptPath);
    const attempt = (this.attempts.get(id) ?? 0) + 1;
    this.attempts.set(id, attempt);
    const request = tasks.requestOf(id);
    const retriesAllowed = request?.verifyRetries ?? 0;
    const retriesUsed = this.retriesUsed.get(id) ?? 0;
    tasks.setVerification(id, { state: 'checking', reason: 'checking…', attempt, retriesAllowed, retriesUsed });
    const proof = await verifier.verify({ taskId: id, taskName: start.value.name, workspacePath: start.value.workspace.path, check: start.value.check, attempt });
    if (this.disposed) return;
    tasks.setVerification(id, { state: proof.state, reason: proof.reason, attempt, retriesAllowed, retriesUsed });
    this.o.ledger?.append({ type: 'task.verified', taskId: id, data: proof });
    const task = tasks.get(id);
    if (!task.ok) return;
    // What changed since the baseline, for the agents that report no file as they write it
    // (all but Claude). Deleted files too: deleting a file another task edits conflicts on
    // merge as surely as editing it. Two in-place tasks in one folder see each other's
    // changes in their proofs, so each is warned about a file only one of them wrote: a
    // fair warning, as both agents do work on that one copy of it.
    this.learnEdits(task.value, proof.files.map((f) => f.path));
    const turnText = stop.message ?? tasks.screenOf(id) ?? '';
    const fileTexts = await readChanged(start.value.workspace.path, proof);
    const context = { turnText, files: proof.files, fileTexts, proof };
    const raised = [...steering.evaluate(id, 'turn-end', context), ...steering.evaluate(id, 'verified', context)];
    const failed = proof.state === 'needs-work' ? raised.find((s) => s.rule === 'check-failed' || s.rule === 'unverified-claim') : undefined;
    if (failed !== undefined && retriesUsed < retriesAllowed && !FINAL_TASK_STATES.has(task.value.state)) {
      this.retriesUsed.set(id, retriesUsed + 1);
      tasks.setVerification(id, { state: proof.state, reason: proof.reason, attempt, retriesAllowed, retriesUsed: retriesUsed + 1 });
      await steering.accept(failed.id, { who: 'auto' });
    }
    const parentId = task.value.parentId;
    if (parentId !== null && !tasks.reportsToParent(id)) steering.evaluate(parentId, 'child-ended', { child: { task: task.value, message: stop.message } });
  }

  private async updateUsage(task: TaskInfo, transcriptPath: string | null): Promise<void> {
    let usage = { ...task.usage, turns: task.usage.turns + 1 };
    if (transcriptPath !== null) {
      try {
        const read = await this.o.readUsage(transcriptPath);
        usage = { turns: Math.max(read.turns, usage.turns), inputTokens: read.inputTokens, outputTokens: read.outputTokens };
      } catch (error) {
        this.o.log.log('debug', `transcript ${transcriptPath} unreadable`, error);
      }
    }
    this.o.tasks.setUsage(task.id, usage);
    const budget = this.o.tasks.requestOf(task.id)?.budget;
    if (budget?.turns !== undefined && usage.turns > budget.turns) await this.cross(task.id, 'turns', budget.turns, usage.turns);
    const tokens = usage.inputTokens + usage.outputTokens;
    if (budget?.tokens !== undefined && tokens > budget.tokens) await this.cross(task.id, 'tokens', budget.tokens, tokens);
  }

  private checkWallBudgets(): void {
    const now = Date.now();
    for (const t of this.o.tasks.list()) {
      const wall = this.o.tasks.requestOf(t.id)?.budget?.wallMs;
      if (wall === undefined || t.startedAt === null || FINAL_TASK_STATES.has(t.state)) continue;
      if (now - t.startedAt > wall) void this.cross(t.id, 'wall', wall, now - t.startedAt);
    }
  }

  /** A budget crossed, once per kind: interrupt, snapshot the screen, notify. */
  private async cross(id: TaskId, kind: 'wall' | 'turns' | 'tokens', limit: number, used: number): Promise<void> {
    const seen = this.crossed.get(id) ?? new Set<string>();
    if (seen.has(kind)) return;
    seen.add(kind);
    this.crossed.set(id, seen);
    await this.o.tasks.interrupt(id, { subtree: false, who: 'auto', kind: 'budget-stop' });
    this.o.ledger?.append({ type: 'task.budget', taskId: id, data: { kind, limit, used, screen: this.o.tasks.screenOf(id) } });
    this.o.steering.evaluate(id, 'budget', { budget: { kind, limit, used } });
  }

  /** Claude reports each file it writes (PostToolUse Write/Edit with file_path), the moment
   * it writes it. */
  private radar(task: TaskInfo, payload: Record<string, unknown>): void {
    if (payload['hook_event_name'] !== 'PostToolUse') return;
    const input = payload['tool_input'];
    const filePath = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)['file_path'] : undefined;
    if (typeof filePath === 'string') this.learnEdits(task, [filePath]);
  }

  /**
   * The one way into the conflict radar, for every agent: "this task edited these files"
   * (from its hooks as it writes, from its proof after each turn), then a warning to each
   * running task of the same source that edited one of the newly learned files. Paths are
   * compared from the source's root: two tasks started in different subfolders of one
   * repository write different files when both write `src/a.ts`. Only newly learned paths
   * are checked: the proof lists every change since the baseline again after each turn (up
   * to thousands of files), and a known path was checked when it was learned, by whichever
   * of two tasks learned it second.
   */
  private learnEdits(task: TaskInfo, reported: readonly string[]): void {
    // A hook or a proof that trails the task's end would bring back the edits of a task
    // that no longer runs (forgotten at its end), and warn about it.
    if (task.workspace === null || !this.isRunning(task.id)) return;
    const mine = this.edits.get(task.id) ?? { source: task.workspace.source, paths: new Set<string>() };
    const learned = newEditPaths({ ws: task.workspace, cwd: this.o.tasks.requestOf(task.id)?.cwd ?? null, known: mine.paths, reported });
    if (learned.length === 0) return;
    for (const p of learned) mine.paths.add(p);
    this.edits.set(task.id, mine);
    const fresh = new Set(learned);
    const running = [...this.edits]
      .filter(([id]) => this.isRunning(id))
      .map(([taskId, e]) => ({ taskId, source: e.source, paths: [...e.paths] }));
    // One warning per task and path (the suggestion is keyed by path).
    for (const c of findEditConflicts(running)) {
      if (!fresh.has(c.path) || !c.taskIds.includes(task.id)) continue;
      for (const t of c.taskIds) this.o.steering.evaluate(t, 'conflict', { conflict: { path: c.path, otherTaskIds: c.taskIds.filter((x) => x !== t) } });
    }
  }

  private isRunning(id: TaskId): boolean {
    const t = this.o.tasks.get(id);
    return t.ok && !FINAL_TASK_STATES.has(t.value.state) && t.value.state !== 'queued';
  }

  private forgetEdits(id: TaskId): void {
    this.edits.delete(id);
  }
}

async function readChanged(dir: string, proof: Proof): Promise<Array<{ path: string; text: string }>> {
  const out: Array<{ path: string; text: string }> = [];
  for (const f of proof.files) {
    if (f.change === 'deleted' || out.length >= MAX_FILE_TEXTS) continue;
    try {
      const buf = await readFile(join(dir, f.path));
      if (buf.byteLength > MAX_FILE_TEXT_BYTES || buf.includes(0)) continue;
      out.push({ path: f.path, text: buf.toString('utf8') });
    } catch {
      // Gone since the snapshot: nothing to scan.
    }
  }
  return out;
}

