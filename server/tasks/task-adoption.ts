import type { CreateTaskRequest, TaskId, TaskInfo } from '../../protocol/task';
import { FINAL_TASK_STATES } from '../../protocol/task';
import { err, ok, type Result } from '../../protocol/result';
import { readAdoptedSecrets } from './adopted-secrets';
import { adoptedTaskRecord } from './task-record';
import type { TaskRecord, TaskServiceOptions } from './task-service-types';
import type { TaskGraph } from './task-graph';
import type { TaskRunner } from './task-runner';
import type { TaskScheduler } from './task-scheduler';

/** What adoption touches of the task service. */
export interface AdoptionContext {
  options: TaskServiceOptions;
  tasks: Map<TaskId, TaskRecord>;
  graph: TaskGraph;
  scheduler: TaskScheduler;
  runner: TaskRunner;
  isDisposed: () => boolean;
  changed: (rec: TaskRecord) => void;
  view: (rec: TaskRecord) => TaskInfo;
}

/**
 * Takes over a task recorded by a previous console whose agent still runs in the pty host
 * (server/pty-host/rehydrate-tasks.ts calls this at start, parents before children): the
 * task is in memory again, holds a running slot, and a fresh AgentRun monitors its
 * session. Its prompt is not typed again. Its hook secret and MCP token are read back from
 * its private folder, so its hooks and MCP calls keep working. Not restored: the
 * verification baseline (taken now, not at the task's real start).
 */
export function adoptTask(ctx: AdoptionContext, task: TaskInfo, request: CreateTaskRequest): Result<TaskInfo> {
  if (ctx.isDisposed()) return err('failed:internal', 'the console is shutting down');
  if (ctx.tasks.has(task.id)) return err('invalid:payload', `task ${task.id} is already known`);
  if (task.sessionId === null || FINAL_TASK_STATES.has(task.state)) return err('invalid:payload', `task ${task.id} has no running agent`);
  const parentId = task.parentId !== null && ctx.graph.has(task.parentId) ? task.parentId : null;
  const rec = adoptedTaskRecord(task, request);
  // The agent's hooks and MCP client still present the secrets its launch wrote.
  const secrets = readAdoptedSecrets(ctx.options.dataDir, task.id);
  if (secrets.hookSecret !== null) rec.hookSecret = secrets.hookSecret;
  if (secrets.mcpToken !== null) ctx.options.adoptMcpToken?.(task.id, secrets.mcpToken);
  ctx.tasks.set(task.id, rec);
  ctx.graph.add(task.id, parentId);
  ctx.scheduler.adopt(task.id);
  ctx.options.ledger?.append({ type: 'task.adopted', taskId: task.id, sessionId: task.sessionId, data: { state: task.state } });
  ctx.runner.started(rec, task.sessionId, true);
  const parent = parentId === null ? undefined : ctx.tasks.get(parentId);
  if (parent !== undefined) ctx.changed(parent);
  return ok(ctx.view(rec));
}
