import type { TaskId } from '../../protocol/task';

/**
 * Which queued task runs next under a concurrency limit, and how long a failed spawn waits
 * before its next try. Pure: the service calls `admit` whenever something changed and starts
 * what it returns.
 */
export interface SchedulerOptions {
  /** Tasks whose agents may run at once; the rest wait, visible as queued. */
  maxRunning: number;
  /** Spawn attempts per task, the first included. */
  maxAttempts: number;
  /** Backoff before retry n (1-based): baseMs * 2^(n-1). */
  retryBaseMs: number;
}

export const DEFAULT_SCHEDULER: SchedulerOptions = { maxRunning: 8, maxAttempts: 3, retryBaseMs: 500 };

export class TaskScheduler {
  private readonly waiting: TaskId[] = [];
  private readonly running = new Set<TaskId>();

  constructor(readonly options: SchedulerOptions = DEFAULT_SCHEDULER) {}

  enqueue(id: TaskId): void {
    if (!this.waiting.includes(id) && !this.running.has(id)) this.waiting.push(id);
  }

  /** Moves as many queued tasks to running as the limit allows, oldest first. */
  admit(): TaskId[] {
    const started: TaskId[] = [];
    while (this.running.size < this.options.maxRunning && this.waiting.length > 0) {
      const id = this.waiting.shift() as TaskId;
      this.running.add(id);
      started.push(id);
    }
    return started;
  }

  /** A task whose agent already runs (adopted after a console restart): it holds a slot
   * at once, even past the limit, since its agent is running whatever the queue says. */
  adopt(id: TaskId): void {
    const i = this.waiting.indexOf(id);
    if (i >= 0) this.waiting.splice(i, 1);
    this.running.add(id);
  }

  /** The task no longer holds a slot (ended, failed, stopped, removed). */
  release(id: TaskId): void {
    this.running.delete(id);
    const i = this.waiting.indexOf(id);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  position(id: TaskId): number | null {
    const i = this.waiting.indexOf(id);
    return i < 0 ? null : i;
  }

  queued(): readonly TaskId[] {
    return this.waiting;
  }

  /** The wait before attempt `attempt` (2 or 3; attempt 1 starts at once). */
  retryDelayMs(attempt: number): number {
    return attempt <= 1 ? 0 : this.options.retryBaseMs * 2 ** (attempt - 2);
  }
}
