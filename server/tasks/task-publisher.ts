import type { TaskInfo } from '../../protocol/task';
import type { Logger } from '../logger';
import type { TaskEvent, TaskLedger, TaskLifecycle, TaskRecord } from './task-service-types';

/** A change of the agent's last screen line alone is written and broadcast at most this
 * often per task: a busy agent prints many lines a second, and each publish rewrites the
 * task in the store and sends it to every browser. State changes go out at once. */
export const LINE_PUBLISH_MS = 500;

/**
 * Where the task service's changes go: the store (through the ledger), the browsers
 * (TaskEvent listeners) and oversight (TaskLifecycle listeners). A listener that throws is
 * logged and never stops the others.
 */
export class TaskPublisher {
  private readonly listeners = new Set<(e: TaskEvent) => void>();
  private readonly lifecycle = new Set<(e: TaskLifecycle) => void>();
  private closed = false;

  constructor(
    private readonly opts: {
      log: Logger;
      ledger: TaskLedger | undefined;
      /** The task as it is published (with its children and queue position). */
      view: (rec: TaskRecord) => TaskInfo;
      /** Whether the record is still the service's (a coalesced publish of a removed task is dropped). */
      isCurrent: (rec: TaskRecord) => boolean;
    },
  ) {}

  onEvent(listener: (e: TaskEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onLifecycle(listener: (e: TaskLifecycle) => void): () => void {
    this.lifecycle.add(listener);
    return () => this.lifecycle.delete(listener);
  }

  /** At shutdown, after the last record: what still reports later (a prompt delivery in
   * flight, a coalesced line) is dropped, since the store it would write to is closing. */
  close(): void {
    this.closed = true;
    this.listeners.clear();
    this.lifecycle.clear();
  }

  /** Records and broadcasts the task now. */
  changed(rec: TaskRecord): void {
    if (this.closed) return;
    // This publish carries the latest line too.
    this.cancelLine(rec);
    const task = this.opts.view(rec);
    rec.info.queuePosition = task.queuePosition;
    this.opts.ledger?.recordTask(task);
    this.emit({ type: 'task:updated', task });
  }

  /** A last-line change: published within LINE_PUBLISH_MS, once for any number of them. */
  changedSoon(rec: TaskRecord): void {
    if (rec.linePublish !== null) return;
    rec.linePublish = setTimeout(() => {
      rec.linePublish = null;
      if (this.opts.isCurrent(rec)) this.changed(rec);
    }, LINE_PUBLISH_MS);
    rec.linePublish.unref();
  }

  /** Drops a pending line publish (the task is removed, or the store is closing). */
  cancelLine(rec: TaskRecord): void {
    if (rec.linePublish !== null) clearTimeout(rec.linePublish);
    rec.linePublish = null;
  }

  emit(event: TaskEvent): void {
    this.notify(this.listeners, event, 'task listener');
  }

  life(event: TaskLifecycle): void {
    this.notify(this.lifecycle, event, 'task lifecycle listener');
  }

  private notify<E>(listeners: ReadonlySet<(e: E) => void>, event: E, what: string): void {
    for (const l of listeners) {
      try {
        l(event);
      } catch (error) {
        this.opts.log.log('error', `${what} failed`, error);
      }
    }
  }
}
