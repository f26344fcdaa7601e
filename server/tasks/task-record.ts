import { randomBytes } from 'node:crypto';
import { untouchedTaskFields, type CreateTaskRequest, type TaskId, type TaskInfo } from '../../protocol/task';
import type { AgentKind } from '../../protocol/agent';
import { adapterFor } from '../agents/adapters/registry';
import { taskName } from './context-summary';
import type { TaskRecord } from './task-service-types';

/** A new task's record: queued, nothing started, a fresh hook secret. */
export function newTaskRecord(req: CreateTaskRequest, kind: AgentKind, now: number): TaskRecord {
  let settleFirst = (): void => undefined;
  const firstAttempt = new Promise<void>((resolve) => {
    settleFirst = resolve;
  });
  return {
    request: { ...req, agent: kind },
    adapter: adapterFor(kind),
    run: null,
    hookSecret: randomBytes(24),
    timeout: null,
    linePublish: null,
    early: [],
    firstAttempt,
    settleFirst,
    info: {
      ...untouchedTaskFields(),
      id: newTaskId(),
      name: req.name ?? taskName(req.prompt),
      prompt: req.prompt,
      agent: kind,
      state: 'queued',
      parentId: req.parentId ?? null,
      check: req.check ?? null,
      createdAt: now,
      attempts: 0,
      timeoutMs: req.timeoutMs ?? null,
    },
  };
}

/** The record of a task found running in the pty host at start (adopted, not spawned). */
export function adoptedTaskRecord(task: TaskInfo, request: CreateTaskRequest): TaskRecord {
  return {
    request,
    adapter: adapterFor(task.agent),
    run: null,
    hookSecret: randomBytes(24),
    timeout: null,
    linePublish: null,
    early: [],
    firstAttempt: Promise.resolve(),
    settleFirst: () => undefined,
    info: { ...task, children: [], queue: [], queuePosition: null },
  };
}

function newTaskId(): TaskId {
  return `t-${randomBytes(6).toString('hex')}` as TaskId;
}
