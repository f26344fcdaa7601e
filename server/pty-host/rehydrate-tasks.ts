import type { SessionInfo } from '../../protocol/session';
import {
  createTaskInputSchema,
  FINAL_TASK_STATES,
  TASK_STATES,
  type CreateTaskRequest,
  type TaskInfo,
  type TaskState,
} from '../../protocol/task';
import type { Logger } from '../logger';
import type { Store } from '../store/store-types';
import type { TaskService } from '../tasks/task-service';

/**
 * At start, the tasks the store says were still open when the last console stopped.
 * Tasks live in the web server's memory, so each one is either adopted (its agent still
 * runs in the pty host) or ended now in the record, so no task stays "running" as a ghost:
 * - its session is live in the host: TaskService.adopt, a fresh monitor takes over;
 * - its session exited while no console was connected: `exited`;
 * - its session is gone (the pty host died with it): `failed`, failed:internal, "lost with
 *   the pty host";
 * - it never got a session (queued or starting): `failed`, "the console stopped before
 *   it started".
 */
export interface RehydrateOptions {
  store: Store;
  tasks: Pick<TaskService, 'adopt'>;
  /** The pty host's sessions now (empty for an inline host: they died with the console). */
  sessions: readonly SessionInfo[];
  log: Logger;
  now?: () => number;
}

export interface RehydrateSummary {
  adopted: number;
  ended: number;
}

/** Open task states. The store lists at most its max rows per query; more open tasks than
 * that (1000 per state) is far beyond a console's running limit. */
const OPEN_STATES: readonly TaskState[] = TASK_STATES.filter((s) => !FINAL_TASK_STATES.has(s));
const MAX_OPEN_PER_STATE = 1000;

export function rehydrateTasks(options: RehydrateOptions): RehydrateSummary {
  const { store, log } = options;
  const now = options.now ?? Date.now;
  const live = new Map(options.sessions.map((s) => [s.id as string, s]));
  const open = OPEN_STATES.flatMap((state) => store.listTasks({ state, limit: MAX_OPEN_PER_STATE }));
  // Parents before children: the task graph wants a parent in place first.
  open.sort((a, b) => a.createdAt - b.createdAt);
  const summary: RehydrateSummary = { adopted: 0, ended: 0 };
  for (const task of open) {
    const session = task.sessionId === null ? undefined : live.get(task.sessionId);
    if (session !== undefined && session.status !== 'exited') {
      const adopted = options.tasks.adopt(task, requestOf(store, task));
      if (adopted.ok) {
        summary.adopted += 1;
        continue;
      }
      log.log('warn', `task ${task.id}: could not adopt it: ${adopted.error.message}`);
    }
    const ended: TaskInfo = session?.status === 'exited'
      ? { ...task, state: 'exited', endedAt: session.exitedAt ?? now() }
      : {
          ...task,
          state: 'failed',
          endedAt: now(),
          error: {
            code: 'failed:internal',
            message: task.sessionId === null ? 'the console stopped before it started' : 'lost with the pty host',
          },
        };
    store.transaction(() => {
      store.recordTask(ended);
      store.append({ type: 'task.state', taskId: task.id, sessionId: task.sessionId, data: { from: task.state, to: ended.state, error: ended.error } });
    });
    summary.ended += 1;
  }
  if (open.length > 0) log.log('info', `tasks from the last console: ${summary.adopted} adopted, ${summary.ended} ended`);
  return summary;
}

/** The task's create request, from its `task.created` event; rebuilt from the task when the
 * ledger no longer has it (pruned, or written by an older build). */
function requestOf(store: Store, task: TaskInfo): CreateTaskRequest {
  const created = store.events({ taskId: task.id, limit: 50 }).find((e) => e.type === 'task.created');
  const data = created?.data;
  if (typeof data === 'object' && data !== null && 'request' in data) {
    const parsed = createTaskInputSchema.safeParse(data.request);
    if (parsed.success) return parsed.data;
  }
  return createTaskInputSchema.parse({
    prompt: task.prompt,
    agent: task.agent,
    ...(task.check === null ? {} : { check: task.check }),
    ...(task.timeoutMs === null ? {} : { timeoutMs: task.timeoutMs }),
    inheritContext: false,
  });
}
