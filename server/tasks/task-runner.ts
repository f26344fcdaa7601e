import type { SessionId } from '../../protocol/ids';
import { FINAL_TASK_STATES, type TaskId, type TaskInfo } from '../../protocol/task';
import { createTaskAgentRun } from './task-agent-run';
import { effectivePrompt, launchTaskAgent } from './task-launch';
import type { TaskPublisher } from './task-publisher';
import type { TaskRecord, TaskServiceOptions } from './task-service-types';
import type { TaskScheduler } from './task-scheduler';
import { WorkspaceError } from './workspace';

type FinalState = 'exited' | 'failed' | 'stopped';

export interface TaskRunnerOptions {
  options: TaskServiceOptions;
  scheduler: TaskScheduler;
  publisher: TaskPublisher;
  record: (id: TaskId) => TaskRecord | undefined;
  /** The task's session is known: its exits and pane events now reach the task. */
  bindSession: (sessionId: SessionId, id: TaskId) => void;
  isDisposed: () => boolean;
  view: (rec: TaskRecord) => TaskInfo;
}

/**
 * A task's agent from start to end: the scheduler admits it, an attempt launches it (with
 * retries, except for a workspace that cannot be made), an AgentRun watches it, and it ends
 * in one final state, which frees its slot for the next queued task.
 */
export class TaskRunner {
  constructor(private readonly o: TaskRunnerOptions) {}

  /** Starts what the scheduler admits; queued tasks whose place moved are republished. */
  pump(): void {
    const { scheduler, record } = this.o;
    for (const id of scheduler.admit()) {
      const rec = record(id);
      if (rec !== undefined) void this.attempt(rec);
    }
    for (const id of scheduler.queued()) {
      const rec = record(id);
      if (rec !== undefined && rec.info.queuePosition !== scheduler.position(id)) this.changed(rec);
    }
  }

  /** `adopted`: the agent was started by a previous console (TaskService.adopt): keep its
   * start time and do not type its prompt again. */
  started(rec: TaskRecord, sessionId: SessionId, adopted = false): void {
    const { info } = rec;
    const { options, publisher } = this.o;
    info.sessionId = sessionId;
    info.startedAt = adopted ? (info.startedAt ?? Date.now()) : Date.now();
    this.o.bindSession(sessionId, info.id);
    const run = createTaskAgentRun(rec, sessionId, {
      options,
      ledger: options.ledger,
      changed: (r) => this.changed(r),
      changedSoon: (r) => publisher.changedSoon(r),
      exited: (r) => void this.end(r, 'exited', null),
      life: (event) => publisher.life(event),
      view: this.o.view,
    });
    rec.run = run;
    run.start();
    publisher.life({ type: 'started', task: this.o.view(rec) });
    if (!adopted && rec.adapter.initialPrompt === 'type') void effectivePrompt(rec, this.parentOf(rec)).then((p) => run.prompt(p, 'queue'));
    for (const early of rec.early.splice(0)) void run.prompt(early.text, early.mode);
    if (info.timeoutMs !== null) {
      rec.timeout = setTimeout(() => void this.end(rec, 'failed', { code: 'failed:timeout', message: `timed out after ${info.timeoutMs} ms` }), info.timeoutMs);
      rec.timeout.unref();
    }
    this.changed(rec);
  }

  /** Moves a task to a final state, kills its agent when it still runs, frees its slot. */
  async end(rec: TaskRecord, state: FinalState, error: TaskInfo['error']): Promise<void> {
    const { info } = rec;
    if (!this.markEnded(rec, state, error)) return;
    this.o.publisher.life({ type: 'ended', task: this.o.view(rec) });
    if (state !== 'exited' && info.sessionId !== null) await this.o.options.host.request({ type: 'kill', id: info.sessionId });
    this.pump();
  }

  /** The record side of ending a task: final state, slot freed, ledger and store told.
   * False when it had already ended. */
  markEnded(rec: TaskRecord, state: FinalState, error: TaskInfo['error'], reason?: string): boolean {
    const { info } = rec;
    if (FINAL_TASK_STATES.has(info.state)) return false;
    const from = info.state;
    info.state = state;
    info.error = error;
    info.endedAt = Date.now();
    if (rec.timeout !== null) clearTimeout(rec.timeout);
    rec.run?.stop();
    this.o.scheduler.release(info.id);
    this.o.options.ledger?.append({ type: 'task.state', taskId: info.id, sessionId: info.sessionId, data: { from, to: state, error, ...(reason === undefined ? {} : { reason }) } });
    this.changed(rec);
    return true;
  }

  private parentOf(rec: TaskRecord): TaskRecord | undefined {
    return rec.info.parentId === null ? undefined : this.o.record(rec.info.parentId);
  }

  private async attempt(rec: TaskRecord): Promise<void> {
    const { info } = rec;
    const { options, scheduler } = this.o;
    if (FINAL_TASK_STATES.has(info.state) || this.o.isDisposed()) return rec.settleFirst();
    info.attempts += 1;
    info.state = 'starting';
    this.changed(rec);
    try {
      const sessionId = await launchTaskAgent(rec, this.parentOf(rec), options);
      // Disposed during the launch: the session layer ends the agent; nothing watches it.
      if (sessionId === null || this.o.isDisposed()) return rec.settleFirst();
      this.started(rec, sessionId);
    } catch (error) {
      const workspace = error instanceof WorkspaceError;
      options.log.log('warn', `task ${info.id} attempt ${info.attempts} failed: ${String(error)}`);
      if (!workspace && info.attempts < scheduler.options.maxAttempts) {
        info.state = 'queued';
        this.changed(rec);
        setTimeout(() => void this.attempt(rec), scheduler.retryDelayMs(info.attempts + 1)).unref();
      } else {
        await this.end(rec, 'failed', { code: workspace ? 'failed:workspace' : 'failed:spawn', message: error instanceof Error ? error.message : String(error) });
      }
    }
    rec.settleFirst();
  }

  private changed(rec: TaskRecord): void {
    this.o.publisher.changed(rec);
  }
}
