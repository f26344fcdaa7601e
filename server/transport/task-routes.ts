import type { z } from 'zod';
import { err } from '../../protocol/result';
import {
  createTaskInputSchema,
  parseTaskId,
  taskApproveSchema,
  taskInterruptSchema,
  taskPromptSchema,
  taskStopSchema,
  type TaskId,
} from '../../protocol/task';
import type { TaskService } from '../tasks/task-service';
import { describeZodError } from './http-io';
import type { RouteContext, RouteHandler, RouteOutcome } from './rest-api';
import type { RouteEntry } from './router';

/**
 * REST for tasks. Each route parses, calls one TaskService method, replies with its Result.
 *
 *   POST   /api/tasks                 {prompt, agent?, cwd?, parentId?, check?, workspace?, ...} → 201 {id, sessionId}
 *   GET    /api/tasks                 ?state=waiting,idle
 *   GET    /api/tasks/:id
 *   POST   /api/tasks/:id/prompt      {text, mode?: queue|now} → the receipt
 *   POST   /api/tasks/:id/interrupt   {subtree?} → outcomes
 *   POST   /api/tasks/:id/approve     {choice?: yes|yes-all|no}
 *   POST   /api/tasks/:id/stop        {subtree?} → stopped ids
 *   DELETE /api/tasks/:id             stop and forget it and its subtree
 */
const NO_TASK = { result: err('not_found:task', 'no such task') } as const;

function onTask(handle: (id: TaskId, ctx: RouteContext) => Promise<RouteOutcome>): RouteHandler {
  return {
    json: false,
    handle(ctx) {
      const id = parseTaskId(ctx.params['id']);
      return id === undefined ? Promise.resolve(NO_TASK) : handle(id, ctx);
    },
  };
}

/** A body is optional on action routes: an empty body means the defaults. */
function onTaskWithBody<S extends z.ZodType>(
  schema: S,
  handle: (id: TaskId, body: z.output<S>) => Promise<RouteOutcome>,
): RouteHandler {
  return {
    json: true,
    async handle(ctx) {
      const id = parseTaskId(ctx.params['id']);
      if (id === undefined) return NO_TASK;
      const parsed = schema.safeParse(ctx.json ?? {});
      if (!parsed.success) return { result: err('invalid:payload', describeZodError(parsed.error)) };
      return handle(id, parsed.data);
    },
  };
}

export function buildTaskRoutes(tasks: TaskService): RouteEntry<RouteHandler>[] {
  return [
    {
      method: 'POST',
      pattern: '/api/tasks',
      handler: {
        json: true,
        async handle(ctx) {
          const parsed = createTaskInputSchema.safeParse(ctx.json);
          if (!parsed.success) return { result: err('invalid:payload', describeZodError(parsed.error)) };
          return { result: await tasks.create(parsed.data), okStatus: 201 };
        },
      },
    },
    {
      method: 'GET',
      pattern: '/api/tasks',
      handler: {
        json: false,
        handle(ctx) {
          const states = ctx.query.get('state')?.split(',').filter((s) => s !== '') ?? [];
          const all = tasks.list();
          const value = states.length === 0 ? all : all.filter((t) => states.includes(t.state));
          return Promise.resolve({ result: { ok: true, value } });
        },
      },
    },
    { method: 'GET', pattern: '/api/tasks/:id', handler: onTask((id) => Promise.resolve({ result: tasks.get(id) })) },
    {
      method: 'POST',
      pattern: '/api/tasks/:id/prompt',
      handler: onTaskWithBody(taskPromptSchema, async (id, body) => ({ result: await tasks.prompt(id, body.text, body.mode) })),
    },
    {
      method: 'POST',
      pattern: '/api/tasks/:id/interrupt',
      handler: onTaskWithBody(taskInterruptSchema, async (id, body) => ({ result: await tasks.interrupt(id, { subtree: body.subtree, escalate: body.escalate }) })),
    },
    {
      method: 'POST',
      pattern: '/api/tasks/:id/approve',
      handler: onTaskWithBody(taskApproveSchema, async (id, body) => ({ result: await tasks.approve(id, body.choice) })),
    },
    {
      method: 'POST',
      pattern: '/api/tasks/:id/stop',
      handler: onTaskWithBody(taskStopSchema, async (id, body) => ({ result: await tasks.stop(id, { subtree: body.subtree }) })),
    },
    { method: 'DELETE', pattern: '/api/tasks/:id', handler: onTask(async (id) => ({ result: await tasks.remove(id) })) },
  ];
}
