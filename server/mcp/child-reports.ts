import { FINAL_TASK_STATES, type TaskId, type TaskInfo } from '../../protocol/task';
import type { Logger } from '../logger';
import type { TaskService } from '../tasks/task-service';

/**
 * Push-based completion for agents: a child an agent spawned through MCP reports back to
 * its parent as a queued prompt (delivered when the parent is idle) when it first finishes
 * a turn, each time it starts waiting for an answer, and when it ends. MCP notifications
 * reach the client, not the model; a prompt is the one push a model reads. The decision
 * (what to report, once) is pure in `childReport`; the class only listens and sends.
 */
export interface Watched {
  parentId: TaskId;
  /** The child was seen working (busy) since its last report. */
  worked: boolean;
  reportedIdle: boolean;
}

/** The report for this update, or null; mutates `w` to remember what was said. */
export function childReport(w: Watched, t: TaskInfo): string | null {
  const head = `[axiom] child task ${t.id} "${t.name}"`;
  const last = t.status?.lastLine ? ` Last line: "${t.status.lastLine}".` : '';
  if (t.state === 'busy') {
    w.worked = true;
    return null;
  }
  if (FINAL_TASK_STATES.has(t.state)) {
    const why = t.error === null ? '' : ` (${t.error.code}: ${t.error.message})`;
    return `${head} ended: ${t.state}${why}.${last} Read its screen with axiom_output.`;
  }
  if (t.state === 'waiting' && w.worked) {
    w.worked = false;
    return `${head} is waiting for an answer: ${t.status?.waiting?.question ?? 'a question'}. See it with axiom_output; a person can answer it in the console.`;
  }
  if (t.state === 'idle' && w.worked && !w.reportedIdle) {
    w.worked = false;
    w.reportedIdle = true;
    return `${head} finished its turn.${last} Read its screen with axiom_output, or send it more with axiom_inject.`;
  }
  return null;
}

export class ChildReports {
  private readonly watched = new Map<TaskId, Watched>();
  private readonly unsubscribe: () => void;

  constructor(private readonly o: { tasks: TaskService; log: Logger }) {
    this.unsubscribe = o.tasks.onEvent((e) => {
      if (e.type === 'task:removed') {
        this.watched.delete(e.id);
        return;
      }
      const w = this.watched.get(e.task.id);
      if (w === undefined) return;
      const report = childReport(w, e.task);
      if (FINAL_TASK_STATES.has(e.task.state)) this.watched.delete(e.task.id);
      if (report !== null) this.send(w.parentId, report);
    });
  }

  /** Report this child's progress to its parent from now on. */
  watch(childId: TaskId, parentId: TaskId): void {
    this.watched.set(childId, { parentId, worked: false, reportedIdle: false });
    this.o.tasks.markReportsToParent(childId);
  }

  dispose(): void {
    this.unsubscribe();
    this.watched.clear();
  }

  private send(parentId: TaskId, text: string): void {
    const parent = this.o.tasks.get(parentId);
    if (!parent.ok || FINAL_TASK_STATES.has(parent.value.state)) return;
    this.o.tasks.prompt(parentId, text, 'queue', { who: 'auto' }).then(
      (r) => {
        if (!r.ok) this.o.log.log('warn', `child report to ${parentId} refused: ${r.error.code}`);
      },
      (error: unknown) => this.o.log.log('error', `child report to ${parentId} failed`, error),
    );
  }
}
