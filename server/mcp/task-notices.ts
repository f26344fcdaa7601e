import type { TaskId, TaskInfo, TaskState } from '../../protocol/task';

/**
 * Which task changes are worth a push to MCP clients: state changes only (busy → idle,
 * waiting, exited…), not every new screen line, which would flood a model's context.
 * Pure: remembers the last state per task and says whether this update is news.
 */
export interface TaskNotice {
  event: 'task:state';
  id: TaskId;
  name: string;
  parentId: TaskId | null;
  from: TaskState | null;
  state: TaskState;
  lastLine: string;
  waiting: string | null;
  exitCode: number | null;
}

export class TaskNotices {
  private readonly last = new Map<TaskId, TaskState>();

  /** The notice for this update, or null when the state did not change. */
  update(task: TaskInfo): TaskNotice | null {
    const from = this.last.get(task.id) ?? null;
    if (from === task.state) return null;
    this.last.set(task.id, task.state);
    return {
      event: 'task:state',
      id: task.id,
      name: task.name,
      parentId: task.parentId,
      from,
      state: task.state,
      lastLine: task.status?.lastLine ?? '',
      waiting: task.status?.waiting?.question ?? null,
      exitCode: task.status?.exitCode ?? null,
    };
  }

  forget(id: TaskId): void {
    this.last.delete(id);
  }
}
