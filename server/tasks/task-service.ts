import { setTimeout as sleep } from 'node:timers/promises';
import type { ApproveChoice, InterruptOutcome, PromptReceipt } from '../../protocol/agent';
import type { VerificationSummary } from '../../protocol/verification';
import type { SessionId } from '../../protocol/ids';
import { err, ok, type Result } from '../../protocol/result';
import {
  FINAL_TASK_STATES,
  type CreateTaskRequest,
  type TaskCreated,
  type TaskId,
  type TaskInfo,
} from '../../protocol/task';
import { defaultAgentKind } from '../agents/adapters/registry';
import { adoptTask } from './task-adoption';
import { notFound, TaskInterventions } from './task-interventions';
import { TaskPublisher } from './task-publisher';
import { newTaskRecord } from './task-record';
import type { InterventionMeta, TaskEvent, TaskLifecycle, TaskRecord, TaskServiceOptions } from './task-service-types';
import { TaskGraph } from './task-graph';
import { DEFAULT_SCHEDULER, TaskScheduler } from './task-scheduler';
import { TaskRunner } from './task-runner';

export type { InterventionMeta, TaskEvent, TaskLedger, TaskLifecycle, TaskServiceOptions, Who } from './task-service-types';
export { LINE_PUBLISH_MS } from './task-publisher';

/** How long create waits for the session to exist before answering without its id. */
const CREATE_WAIT_MS = 1500;

/**
 * Tasks: create returns at once; a scheduler starts agents under a concurrency limit with
 * retries (task-runner.ts); each running task has an AgentRun that keeps its state and
 * confirms prompts and interrupts. Every change is reported as a TaskInfo (task:updated)
 * and to the ledger.
 */
export class TaskService {
  private readonly tasks = new Map<TaskId, TaskRecord>();
  private readonly bySession = new Map<SessionId, TaskId>();
  private readonly graph = new TaskGraph();
  private readonly scheduler: TaskScheduler;
  private readonly publisher: TaskPublisher;
  private readonly interventions: TaskInterventions;
  private readonly runner: TaskRunner;
  private readonly reportingChildren = new Set<TaskId>();
  private readonly unsubscribeHost: () => void;
  private disposed = false;

  constructor(private readonly options: TaskServiceOptions) {
    this.scheduler = new TaskScheduler({ ...DEFAULT_SCHEDULER, ...options.scheduler });
    this.publisher = new TaskPublisher({
      log: options.log,
      ledger: options.ledger,
      view: (rec) => this.view(rec),
      isCurrent: (rec) => this.tasks.get(rec.info.id) === rec,
    });
    this.runner = new TaskRunner({
      options,
      scheduler: this.scheduler,
      publisher: this.publisher,
      record: (id) => this.tasks.get(id),
      bindSession: (sessionId, id) => this.bySession.set(sessionId, id),
      isDisposed: () => this.disposed,
      view: (rec) => this.view(rec),
    });
    this.interventions = new TaskInterventions({
      record: (id) => this.tasks.get(id),
      subtree: (id) => this.graph.subtree(id),
      ledger: options.ledger,
      life: (event) => this.life(event),
      changed: (rec) => this.changed(rec),
      view: (rec) => this.view(rec),
    });
    this.unsubscribeHost = options.host.onEvent((event) => {
      if (event.type !== 'session:updated' || event.info.status !== 'exited') return;
      const id = this.bySession.get(event.info.id);
      const rec = id === undefined ? undefined : this.tasks.get(id);
      rec?.run?.monitor.exited(event.info.exitCode);
    });
  }

  onEvent(listener: (e: TaskEvent) => void): () => void {
    return this.publisher.onEvent(listener);
  }

  onLifecycle(listener: (e: TaskLifecycle) => void): () => void {
    return this.publisher.onLifecycle(listener);
  }

  /** The rendered screen of the task's agent as last read by its monitor. */
  screenOf(id: TaskId): string | null {
    return this.tasks.get(id)?.run?.monitor.screen() ?? null;
  }

  /** What the agent said when its last turn stopped (Claude's Stop hook), and its transcript. */
  lastStopOf(id: TaskId): { message: string | null; transcriptPath: string | null } {
    return this.tasks.get(id)?.run?.monitor.lastStop() ?? { message: null, transcriptPath: null };
  }

  /** The agent's output offset now (evidence links to it). */
  outputSeqOf(id: TaskId): number | null {
    return this.tasks.get(id)?.run?.monitor.outputBytes ?? null;
  }

  setVerification(id: TaskId, verification: VerificationSummary): void {
    this.patch(id, (info) => {
      info.verification = verification;
    });
  }

  setUsage(id: TaskId, usage: TaskInfo['usage']): void {
    this.patch(id, (info) => {
      info.usage = usage;
    });
  }

  setOpenSuggestions(id: TaskId, count: number): void {
    // Unchanged: no write to the store, no broadcast.
    if (this.tasks.get(id)?.info.openSuggestions === count) return;
    this.patch(id, (info) => {
      info.openSuggestions = count;
    });
  }

  /** The person let go of this session's pane (arbitration, input-arbiter.ts): prompts
   * held for them go in now. */
  paneFreed(sessionId: SessionId): void {
    const id = this.bySession.get(sessionId);
    if (id !== undefined) this.tasks.get(id)?.run?.paneFreed();
  }

  setAutoSteer(id: TaskId, autoSteer: TaskInfo['autoSteer']): Result<TaskInfo['autoSteer']> {
    if (!this.tasks.has(id)) return notFound(id);
    this.patch(id, (info) => {
      info.autoSteer = autoSteer;
    });
    return ok(autoSteer);
  }

  /** This child reports to its parent by itself (an agent spawned it over MCP), so
   * oversight does not also propose its result to the parent. */
  markReportsToParent(id: TaskId): void {
    this.reportingChildren.add(id);
  }

  reportsToParent(id: TaskId): boolean {
    return this.reportingChildren.has(id);
  }

  /** The create request (check command, budgets, verify retries) of a task. */
  requestOf(id: TaskId): CreateTaskRequest | null {
    return this.tasks.get(id)?.request ?? null;
  }

  private patch(id: TaskId, change: (info: TaskInfo) => void): void {
    const rec = this.tasks.get(id);
    if (rec === undefined) return;
    change(rec.info);
    this.changed(rec);
  }

  private life(event: TaskLifecycle): void {
    this.publisher.life(event);
  }

  list(): TaskInfo[] {
    return [...this.tasks.values()].map((r) => this.view(r));
  }

  get(id: TaskId): Result<TaskInfo> {
    const rec = this.tasks.get(id);
    return rec === undefined ? notFound(id) : ok(this.view(rec));
  }

  taskOfSession(id: SessionId): TaskId | null {
    return this.bySession.get(id) ?? null;
  }

  async create(req: CreateTaskRequest): Promise<Result<TaskCreated>> {
    if (this.disposed) return err('failed:internal', 'the console is shutting down');
    const parent = req.parentId === undefined ? undefined : this.tasks.get(req.parentId);
    if (req.parentId !== undefined && parent === undefined) return err('not_found:task', `no parent task ${req.parentId}`);
    const kind = req.agent ?? defaultAgentKind();
    const rec = newTaskRecord(req, kind, Date.now());
    const id = rec.info.id;
    this.tasks.set(id, rec);
    this.graph.add(id, rec.info.parentId);
    this.options.ledger?.append({ type: 'task.created', taskId: id, data: { request: rec.request } });
    this.changed(rec);
    if (parent !== undefined) this.changed(parent);
    this.scheduler.enqueue(id);
    this.runner.pump();
    // Answer with the session id when the agent's process starts promptly; never wait for
    // the agent itself, nor for a queued task's turn.
    if (this.scheduler.position(id) === null) {
      await Promise.race([rec.firstAttempt, sleep(CREATE_WAIT_MS, undefined, { ref: false })]);
    }
    return ok({ id, sessionId: rec.info.sessionId });
  }

  // ── Interventions (task-interventions.ts) ──────────────────────────────────────────────
  prompt(id: TaskId, text: string, mode: 'queue' | 'now', meta: InterventionMeta = {}): Promise<Result<PromptReceipt>> {
    return this.interventions.prompt(id, text, mode, meta);
  }

  interrupt(id: TaskId, options: { subtree: boolean; escalate?: boolean } & InterventionMeta): Promise<Result<InterruptOutcome[]>> {
    return this.interventions.interrupt(id, options);
  }

  approve(id: TaskId, choice: ApproveChoice, meta: InterventionMeta = {}): Promise<Result<null>> {
    return this.interventions.approve(id, choice, meta);
  }

  /** A hook report from a Claude instance. The secret is the task's own. */
  hook(id: TaskId, secret: string, payload: Record<string, unknown>): Result<null> {
    return this.interventions.hook(id, secret, payload);
  }

  /** Stops the task (and its subtree): kills its agent, marks it stopped. */
  async stop(id: TaskId, options: { subtree: boolean }): Promise<Result<TaskId[]>> {
    if (!this.tasks.has(id)) return notFound(id);
    const ids = options.subtree ? this.graph.subtree(id) : [id];
    const stopped: TaskId[] = [];
    await Promise.all(
      ids.map(async (t) => {
        const rec = this.tasks.get(t);
        if (rec === undefined || FINAL_TASK_STATES.has(rec.info.state)) return;
        stopped.push(t);
        await this.runner.end(rec, 'stopped', null);
      }),
    );
    return ok(stopped);
  }

  /** Stops and forgets the task and its subtree (their sessions too). */
  async remove(id: TaskId): Promise<Result<null>> {
    const rec = this.tasks.get(id);
    if (rec === undefined) return notFound(id);
    await this.stop(id, { subtree: true });
    const parent = rec.info.parentId === null ? undefined : this.tasks.get(rec.info.parentId);
    for (const t of this.graph.removeSubtree(id)) {
      const gone = this.tasks.get(t);
      this.tasks.delete(t);
      if (gone !== undefined) this.publisher.cancelLine(gone);
      if (gone?.info.sessionId != null) {
        this.bySession.delete(gone.info.sessionId);
        await this.options.host.request({ type: 'remove', id: gone.info.sessionId });
      }
      this.options.ledger?.removeTask(t);
      this.options.ledger?.append({ type: 'task.removed', taskId: t, data: null });
      this.publisher.emit({ type: 'task:removed', id: t });
    }
    if (parent !== undefined) this.changed(parent);
    return ok(null);
  }

  /** After a console restart: takes over a task whose agent still runs (task-adoption.ts). */
  adopt(task: TaskInfo, request: CreateTaskRequest): Result<TaskInfo> {
    return adoptTask(
      {
        options: this.options,
        tasks: this.tasks,
        graph: this.graph,
        scheduler: this.scheduler,
        runner: this.runner,
        isDisposed: () => this.disposed,
        changed: (rec) => this.changed(rec),
        view: (rec) => this.view(rec),
      },
      task,
      request,
    );
  }

  /**
   * At shutdown. `agentsStop`: the console ends its agents as it closes (the default; not
   * with AXIOM_KEEP_AGENTS=1). Then every open task is recorded as `stopped` now, so the
   * next console shows that the console was stopped, rather than finding the tasks open
   * with their sessions gone and calling them lost with the pty host. No lifecycle events:
   * a parent must not be told of its children at shutdown, and the session layer, closed
   * next, ends the agents themselves.
   */
  async dispose(options: { agentsStop: boolean } = { agentsStop: false }): Promise<void> {
    this.disposed = true;
    this.unsubscribeHost();
    for (const rec of this.tasks.values()) {
      if (options.agentsStop) this.runner.markEnded(rec, 'stopped', null, 'the console was shut down');
      rec.run?.stop();
      if (rec.timeout !== null) clearTimeout(rec.timeout);
      this.publisher.cancelLine(rec);
    }
    // Whatever still reports after this (a prompt delivery in flight) would write to the
    // store after it is closed.
    this.publisher.close();
  }

  private view(rec: TaskRecord): TaskInfo {
    return { ...rec.info, children: this.graph.children(rec.info.id), queuePosition: this.scheduler.position(rec.info.id) };
  }

  private changed(rec: TaskRecord): void {
    this.publisher.changed(rec);
  }
}

