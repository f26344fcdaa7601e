import { err, ok, type Result } from '../../protocol/result';
import {
  acceptSuggestionSchema,
  autoSteerSchema,
  broadcastSchema,
  parseSuggestionId,
  snoozeSuggestionSchema,
  steeringConfigPatchSchema,
  type SuggestionId,
} from '../../protocol/steering';
import { parseTaskId, type TaskId } from '../../protocol/task';
import type { Proof } from '../../protocol/verification';
import type { SteeringService } from '../steering/steering-service';
import type { TaskService } from '../tasks/task-service';
import { describeZodError } from './http-io';
import type { RouteHandler, RouteOutcome } from './rest-api';
import type { RouteEntry } from './router';

/**
 * REST for steering and verification. Each route parses, calls one service method, replies
 * with its Result.
 *
 *   GET  /api/suggestions                  ?taskId=&state=open,snoozed (default open and snoozed)
 *   POST /api/suggestions/:id/accept       {text?} (an edited message) → the suggestion
 *   POST /api/suggestions/:id/dismiss
 *   POST /api/suggestions/:id/snooze       {minutes?: 10}
 *   POST /api/steer                        {taskIds, text, mode?} → the interventions
 *   GET  /api/tasks/:id/proof              the verification proof (null before the first)
 *   GET  /api/tasks/:id/diff               {diff, truncated}: the workspace's changes since the task started
 *   GET  /api/tasks/:id/interventions
 *   POST /api/tasks/:id/auto-steer         {enabled, minConfidence?}
 *   GET  /api/steering/config              the rules' settings in force
 *   PUT  /api/steering/config              {<rule>: {enabled?, thresholds?, message?}} → the new settings (saved)
 */
export interface ProofSource {
  proof(taskId: TaskId): Proof | null;
  diff(taskId: TaskId): Promise<Result<{ diff: string; truncated: boolean }>>;
}

const NO_SUGGESTION = { result: err('not_found:suggestion', 'no such suggestion') } as const;
const NO_TASK = { result: err('not_found:task', 'no such task') } as const;

function parsed<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } }, value: unknown): Result<T> {
  const r = schema.safeParse(value ?? {});
  return r.success ? ok(r.data) : err('invalid:payload', describeZodError(r.error));
}

function onSuggestion(json: boolean, handle: (id: SuggestionId, body: unknown) => Promise<RouteOutcome>): RouteHandler {
  return {
    json,
    handle(ctx) {
      const id = parseSuggestionId(ctx.params['id']);
      return id === undefined ? Promise.resolve(NO_SUGGESTION) : handle(id, ctx.json);
    },
  };
}

function onTask(json: boolean, handle: (id: TaskId, body: unknown) => Promise<RouteOutcome>): RouteHandler {
  return {
    json,
    handle(ctx) {
      const id = parseTaskId(ctx.params['id']);
      return id === undefined ? Promise.resolve(NO_TASK) : handle(id, ctx.json);
    },
  };
}

export function buildSteeringRoutes(o: { tasks: TaskService; steering: SteeringService; proofs: ProofSource }): RouteEntry<RouteHandler>[] {
  const { tasks, steering, proofs } = o;
  return [
    {
      method: 'GET',
      pattern: '/api/suggestions',
      handler: {
        json: false,
        handle(ctx) {
          const taskId = ctx.query.get('taskId');
          const states = ctx.query.get('state')?.split(',').filter((s) => s !== '') as never[] | undefined;
          const id = taskId === null ? undefined : parseTaskId(taskId);
          if (taskId !== null && id === undefined) return Promise.resolve(NO_TASK);
          return Promise.resolve({ result: ok(steering.list({ ...(id === undefined ? {} : { taskId: id }), ...(states === undefined || states.length === 0 ? {} : { states }) })) });
        },
      },
    },
    {
      method: 'POST',
      pattern: '/api/suggestions/:id/accept',
      handler: onSuggestion(true, async (id, body) => {
        const b = parsed(acceptSuggestionSchema, body);
        if (!b.ok) return { result: b };
        return { result: await steering.accept(id, { ...(b.value.text === undefined ? {} : { text: b.value.text }), who: 'api' }) };
      }),
    },
    { method: 'POST', pattern: '/api/suggestions/:id/dismiss', handler: onSuggestion(false, async (id) => ({ result: steering.dismiss(id, 'api') })) },
    {
      method: 'POST',
      pattern: '/api/suggestions/:id/snooze',
      handler: onSuggestion(true, async (id, body) => {
        const b = parsed(snoozeSuggestionSchema, body);
        return { result: b.ok ? steering.snooze(id, b.value.minutes) : b };
      }),
    },
    {
      method: 'POST',
      pattern: '/api/steer',
      handler: {
        json: true,
        async handle(ctx) {
          const b = parsed(broadcastSchema, ctx.json);
          if (!b.ok) return { result: b };
          return { result: await steering.broadcast(b.value.taskIds, b.value.text, b.value.mode, 'api') };
        },
      },
    },
    {
      method: 'GET',
      pattern: '/api/tasks/:id/proof',
      handler: onTask(false, async (id) => ({ result: tasks.get(id).ok ? ok(proofs.proof(id)) : NO_TASK.result })),
    },
    { method: 'GET', pattern: '/api/tasks/:id/diff', handler: onTask(false, async (id) => ({ result: await proofs.diff(id) })) },
    {
      method: 'GET',
      pattern: '/api/tasks/:id/interventions',
      handler: onTask(false, async (id) => ({ result: tasks.get(id).ok ? ok(steering.interventionsOf(id)) : NO_TASK.result })),
    },
    {
      method: 'POST',
      pattern: '/api/tasks/:id/auto-steer',
      handler: onTask(true, async (id, body) => {
        const b = parsed(autoSteerSchema, body);
        return { result: b.ok ? tasks.setAutoSteer(id, b.value) : b };
      }),
    },
    { method: 'GET', pattern: '/api/steering/config', handler: { json: false, handle: async () => ({ result: ok(steering.currentConfig()) }) } },
    {
      method: 'PUT',
      pattern: '/api/steering/config',
      handler: {
        json: true,
        async handle(ctx) {
          const b = parsed(steeringConfigPatchSchema, ctx.json);
          return { result: b.ok ? steering.updateConfig(b.value) : b };
        },
      },
    },
  ];
}
