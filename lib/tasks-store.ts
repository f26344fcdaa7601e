import type { TaskInfo } from '../protocol/task';
import { ReducerStore } from './reducer-store';

/**
 * The tasks the dashboard knows about. The state is a pure reduction of the three things
 * the server tells us (the `task:list` reply on connect, then `task:updated` and
 * `task:removed`), so it is easy to test and replay; TasksStore wraps it as an external
 * store for useSyncExternalStore (see ReducerStore).
 */
export interface TasksState {
  readonly byId: ReadonlyMap<string, TaskInfo>;
  /** Oldest first, so the DAG and the list keep a stable order as tasks come and go. */
  readonly list: readonly TaskInfo[];
  /** A pane asks "which task owns my session?" on every update: keep it O(1). */
  readonly bySession: ReadonlyMap<string, TaskInfo>;
}

export type TasksEvent =
  | { type: 'list'; tasks: readonly TaskInfo[] }
  | { type: 'updated'; task: TaskInfo }
  | { type: 'removed'; id: string };

export const EMPTY_TASKS: TasksState = { byId: new Map(), list: [], bySession: new Map() };

/** Returns `state` itself when nothing changed, so subscribers can skip a render. */
export function reduceTasks(state: TasksState, event: TasksEvent): TasksState {
  switch (event.type) {
    case 'list': {
      const byId = new Map(event.tasks.map((t) => [t.id as string, t]));
      if (byId.size === state.byId.size && [...byId].every(([id, t]) => sameTask(state.byId.get(id), t))) return state;
      return build(byId);
    }
    case 'updated': {
      if (sameTask(state.byId.get(event.task.id), event.task)) return state;
      const byId = new Map(state.byId);
      byId.set(event.task.id, event.task);
      return build(byId);
    }
    case 'removed': {
      if (!state.byId.has(event.id)) return state;
      const byId = new Map(state.byId);
      byId.delete(event.id);
      return build(byId);
    }
  }
}

function build(byId: Map<string, TaskInfo>): TasksState {
  const list = [...byId.values()].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const bySession = new Map<string, TaskInfo>();
  for (const t of list) if (t.sessionId) bySession.set(t.sessionId, t);
  return { byId, list, bySession };
}

/**
 * The server may resend a task unchanged (the list after a reconnect, an update whose only
 * change was internal). A structural compare is cheap at this size (a few KB with ten
 * receipts) and saves a re-layout of the DAG and a render of every pane.
 */
function sameTask(a: TaskInfo | undefined, b: TaskInfo): boolean {
  if (a === b) return true;
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

export class TasksStore extends ReducerStore<TasksState, TasksEvent> {
  constructor() {
    super(reduceTasks, EMPTY_TASKS);
  }

  get(id: string): TaskInfo | undefined {
    return this.getSnapshot().byId.get(id);
  }

  forSession(sessionId: string): TaskInfo | undefined {
    return this.getSnapshot().bySession.get(sessionId);
  }

  /** Replace everything (the authoritative list after a (re)connect). */
  replaceAll(tasks: readonly TaskInfo[]): void {
    this.dispatch({ type: 'list', tasks });
  }

  upsert(task: TaskInfo): void {
    this.dispatch({ type: 'updated', task });
  }

  remove(id: string): void {
    this.dispatch({ type: 'removed', id });
  }
}
