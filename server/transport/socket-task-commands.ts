import { z } from 'zod';
import { err, ok } from '../../protocol/result';
import {
  acceptSuggestionRequestSchema,
  autoSteerRequestSchema,
  broadcastSchema,
  snoozeSuggestionRequestSchema,
  steeringConfigPatchSchema,
  suggestionListRequestSchema,
  suggestionRefSchema,
} from '../../protocol/steering';
import {
  createTaskInputSchema,
  taskApproveRequestSchema,
  taskIdSchema,
  taskInterruptRequestSchema,
  taskPromptRequestSchema,
  taskRefSchema,
  taskStopRequestSchema,
} from '../../protocol/task';
import type { SteeringService } from '../steering/steering-service';
import type { TaskService } from '../tasks/task-service';
import { command, type CommandContext } from './socket-commands';
import type { ProofSource } from './steering-routes';

/** Task and steering commands on a socket: a browser is a person, so interventions made
 * here are recorded as the person's. */
export function registerTaskCommands(ctx: CommandContext, tasks: TaskService): void {
  command(ctx, 'task:list', z.unknown(), () => Promise.resolve(ok(tasks.list())));
  command(ctx, 'task:create', createTaskInputSchema, (input) => tasks.create(input));
  command(ctx, 'task:prompt', taskPromptRequestSchema, (req) => tasks.prompt(req.id, req.text, req.mode, { who: 'person' }));
  command(ctx, 'task:interrupt', taskInterruptRequestSchema, (req) => tasks.interrupt(req.id, { subtree: req.subtree, escalate: req.escalate, who: 'person' }));
  command(ctx, 'task:approve', taskApproveRequestSchema, (req) => tasks.approve(req.id, req.choice, { who: 'person' }));
  command(ctx, 'task:stop', taskStopRequestSchema, (req) => tasks.stop(req.id, { subtree: req.subtree }));
  command(ctx, 'task:remove', taskRefSchema, (req) => tasks.remove(req.id));
}

export function registerSteeringCommands(ctx: CommandContext, tasks: TaskService, s: { service: SteeringService; proofs: ProofSource }): void {
  const { service, proofs } = s;
  command(ctx, 'task:proof', taskRefSchema, (req) => Promise.resolve(tasks.get(req.id).ok ? ok(proofs.proof(req.id)) : err('not_found:task', 'no such task')));
  command(ctx, 'task:diff', taskRefSchema, (req) => proofs.diff(req.id));
  command(ctx, 'task:auto-steer', autoSteerRequestSchema, (req) => Promise.resolve(tasks.setAutoSteer(req.id, { enabled: req.enabled, minConfidence: req.minConfidence })));
  command(ctx, 'suggestion:list', suggestionListRequestSchema, (req) =>
    Promise.resolve(ok(service.list({ ...(req?.taskId === undefined ? {} : { taskId: req.taskId }), recent: req?.recent ?? 0 }))),
  );
  command(ctx, 'suggestion:accept', acceptSuggestionRequestSchema, (req) => service.accept(req.id, { ...(req.text === undefined ? {} : { text: req.text }), who: 'person' }));
  command(ctx, 'suggestion:dismiss', suggestionRefSchema, (req) => Promise.resolve(service.dismiss(req.id, 'person')));
  command(ctx, 'suggestion:snooze', snoozeSuggestionRequestSchema, (req) => Promise.resolve(service.snooze(req.id, req.minutes)));
  command(ctx, 'steer:broadcast', broadcastSchema, (req) => service.broadcast(req.taskIds, req.text, req.mode, 'person'));
  command(ctx, 'intervention:list', z.object({ taskId: taskIdSchema }).strict(), (req) =>
    Promise.resolve(tasks.get(req.taskId).ok ? ok(service.interventionsOf(req.taskId)) : err('not_found:task', 'no such task')),
  );
  command(ctx, 'steering:config', z.unknown(), () => Promise.resolve(ok(service.currentConfig())));
  command(ctx, 'steering:set-config', steeringConfigPatchSchema, (patch) => Promise.resolve(service.updateConfig(patch)));
}

