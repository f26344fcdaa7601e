import { err, ok, type Result } from '../../protocol/result';
import {
  acceptSuggestionSchema,
  autoSteerSchema,
  broadcastSchema,
  parseSuggestionId,
  snoozeSuggestionSchema,
  steeringConfigPatchSchema,
} from '../../protocol/steering';
import { parseTaskId, type TaskId } from '../../protocol/task';
import type { Proof } from '../../protocol/verification';
import type { SteeringService } from '../steering/steering-service';
import type { TaskService } from '../tasks/task-service';
import { itemRoutes, plain, reply, withBody, type RouteEntry, type RouteHandler } from './router';

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

const NO_TASK = err('not_found:task', 'no such task');
const onSuggestion = itemRoutes(parseSuggestionId, err('not_found:suggestion', 'no such suggestion'));
const onTask = itemRoutes(parseTaskId, NO_TASK);

export function buildSteeringRoutes(o: { tasks: TaskService; steering: SteeringService; proofs: ProofSource }): RouteEntry<RouteHandler>[] {
  const { tasks, steering, proofs } = o;
  /** What a task has (its proof, its interventions), or a 404 for a task that is not there. */
  const ofTask = <T>(id: TaskId, read: (id: TaskId) => T) => reply(tasks.get(id).ok ? ok(read(id)) : NO_TASK);
  return [
    {
      method: 'GET',
      pattern: '/api/suggestions',
      handler: plain((ctx) => {
        const taskId = ctx.query.get('taskId');
        const states = ctx.query.get('state')?.split(',').filter((s) => s !== '') as never[] | undefined;
        const id = taskId === null ? undefined : parseTaskId(taskId);
        if (taskId !== null && id === undefined) return reply(NO_TASK);
        return reply(ok(steering.list({ ...(id === undefined ? {} : { taskId: id }), ...(states === undefined || states.length === 0 ? {} : { states }) })));
      }),
    },
    {
      method: 'POST',
      pattern: '/api/suggestions/:id/accept',
      handler: onSuggestion.withBody(acceptSuggestionSchema, (id, body) =>
        reply(steering.accept(id, { ...(body.text === undefined ? {} : { text: body.text }), who: 'api' })),
      ),
    },
    { method: 'POST', pattern: '/api/suggestions/:id/dismiss', handler: onSuggestion.plain((id) => reply(steering.dismiss(id, 'api'))) },
    {
      method: 'POST',
      pattern: '/api/suggestions/:id/snooze',
      handler: onSuggestion.withBody(snoozeSuggestionSchema, (id, body) => reply(steering.snooze(id, body.minutes))),
    },
    {
      method: 'POST',
      pattern: '/api/steer',
      handler: withBody(broadcastSchema, (body) => reply(steering.broadcast(body.taskIds, body.text, body.mode, 'api'))),
    },
    { method: 'GET', pattern: '/api/tasks/:id/proof', handler: onTask.plain((id) => ofTask(id, (t) => proofs.proof(t))) },
    { method: 'GET', pattern: '/api/tasks/:id/diff', handler: onTask.plain((id) => reply(proofs.diff(id))) },
    { method: 'GET', pattern: '/api/tasks/:id/interventions', handler: onTask.plain((id) => ofTask(id, (t) => steering.interventionsOf(t))) },
    {
      method: 'POST',
      pattern: '/api/tasks/:id/auto-steer',
      handler: onTask.withBody(autoSteerSchema, (id, body) => reply(tasks.setAutoSteer(id, body))),
    },
    { method: 'GET', pattern: '/api/steering/config', handler: plain(() => reply(ok(steering.currentConfig()))) },
    { method: 'PUT', pattern: '/api/steering/config', handler: withBody(steeringConfigPatchSchema, (patch) => reply(steering.updateConfig(patch))) },
  ];
}
