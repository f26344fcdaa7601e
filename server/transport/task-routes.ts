import { z } from 'zod';
import { err, ok } from '../../protocol/result';
import {
  createTaskInputSchema,
  parseTaskId,
  taskApproveSchema,
  taskInterruptSchema,
  taskPromptSchema,
  taskStopSchema,
} from '../../protocol/task';
import type { TaskService } from '../tasks/task-service';
import { waitUntilSettled, WAIT_LIMITS } from '../tasks/wait-for-task';
import { itemRoutes, parseInput, plain, reply, withBody, type RouteEntry, type RouteHandler } from './router';

/**
 * REST for tasks. Each route parses, calls one TaskService method, replies with its Result.
 *
 *   POST   /api/tasks                 {prompt, agent?, cwd?, parentId?, check?, workspace?, ...} → 201 {id, sessionId}
 *   GET    /api/tasks                 ?state=waiting,idle
 *   GET    /api/tasks/:id
 *   GET    /api/tasks/:id/wait        ?timeoutMs= → {task, timedOut}: held open until the task
 *                                     settles (not queued, starting or busy; nothing to type)
 *   POST   /api/tasks/:id/prompt      {text, mode?: queue|now} → the receipt
 *   POST   /api/tasks/:id/interrupt   {subtree?} → outcomes
 *   POST   /api/tasks/:id/approve     {choice?: yes|yes-all|no}
 *   POST   /api/tasks/:id/stop        {subtree?} → stopped ids
 *   DELETE /api/tasks/:id             stop and forget it and its subtree
 */
const waitQuerySchema = z.object({ timeoutMs: z.coerce.number().int().min(0).max(WAIT_LIMITS.maxTimeoutMs).optional() });
const onTask = itemRoutes(parseTaskId, err('not_found:task', 'no such task'));

export function buildTaskRoutes(tasks: TaskService): RouteEntry<RouteHandler>[] {
  return [
    { method: 'POST', pattern: '/api/tasks', handler: withBody(createTaskInputSchema, (input) => reply(tasks.create(input), 201)) },
    {
      method: 'GET',
      pattern: '/api/tasks',
      handler: plain((ctx) => {
        const states = ctx.query.get('state')?.split(',').filter((s) => s !== '') ?? [];
        const all = tasks.list();
        return reply(ok(states.length === 0 ? all : all.filter((t) => states.includes(t.state))));
      }),
    },
    { method: 'GET', pattern: '/api/tasks/:id', handler: onTask.plain((id) => reply(tasks.get(id))) },
    {
      method: 'GET',
      pattern: '/api/tasks/:id/wait',
      handler: onTask.plain((id, ctx) => {
        const query = parseInput(waitQuerySchema, Object.fromEntries(ctx.query));
        if (!query.ok) return { result: query };
        const timeoutMs = query.value.timeoutMs ?? WAIT_LIMITS.defaultTimeoutMs;
        return reply(waitUntilSettled({ tasks, id, timeoutMs, ...(ctx.signal === undefined ? {} : { signal: ctx.signal }) }));
      }),
    },
    {
      method: 'POST',
      pattern: '/api/tasks/:id/prompt',
      handler: onTask.withBody(taskPromptSchema, (id, body) => reply(tasks.prompt(id, body.text, body.mode))),
    },
    {
      method: 'POST',
      pattern: '/api/tasks/:id/interrupt',
      handler: onTask.withBody(taskInterruptSchema, (id, body) => reply(tasks.interrupt(id, { subtree: body.subtree, escalate: body.escalate }))),
    },
    {
      method: 'POST',
      pattern: '/api/tasks/:id/approve',
      handler: onTask.withBody(taskApproveSchema, (id, body) => reply(tasks.approve(id, body.choice))),
    },
    {
      method: 'POST',
      pattern: '/api/tasks/:id/stop',
      handler: onTask.withBody(taskStopSchema, (id, body) => reply(tasks.stop(id, { subtree: body.subtree }))),
    },
    { method: 'DELETE', pattern: '/api/tasks/:id', handler: onTask.plain((id) => reply(tasks.remove(id))) },
  ];
}
