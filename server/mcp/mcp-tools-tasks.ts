import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { err, ok, type Result } from '../../protocol/result';
import { createTaskInputSchema, FINAL_TASK_STATES, taskIdSchema, type TaskId } from '../../protocol/task';
import { scoped, summarizeTask, toolResult, type McpToolContext } from './mcp-context';
import { buildTree, renderTree } from './task-tree';
import { waitUntilSettled, WAIT_LIMITS } from '../tasks/wait-for-task';

const TASK_FIELDS = createTaskInputSchema.shape;

/** axiom_spawn's input: the REST task fields an agent may set (so the limits cannot drift
 * from POST /api/tasks), with descriptions for the model, plus `report`. */
const SPAWN_INPUT = {
  prompt: TASK_FIELDS.prompt.describe('What the new agent should do'),
  agent: TASK_FIELDS.agent.describe('Agent kind; default claude when installed, else shell'),
  parentId: TASK_FIELDS.parentId.describe('Parent task; default the calling agent\'s own task'),
  cwd: TASK_FIELDS.cwd.describe('Folder to work in (a git worktree is made when it is a repository)'),
  check: TASK_FIELDS.check.describe('Command that proves the task is done'),
  name: TASK_FIELDS.name,
  report: z.boolean().optional().describe('Queue a note to the parent when the child finishes a turn, waits for an answer, or ends; default true when an agent spawns'),
};

/**
 * The tools that make and read tasks: axiom_spawn, axiom_status, axiom_dag, axiom_wait.
 * Each parses (zod, by the SDK), checks scope and limits, calls one TaskService method.
 */
export function registerTaskTools(server: McpServer, ctx: McpToolContext): void {
  server.registerTool(
    'axiom_spawn',
    {
      title: 'Spawn an agent task',
      description:
        'Start a new agent task and return its id at once (it runs in the background; use axiom_status, axiom_output or axiom_wait to follow it). ' +
        'Called by an agent of this console, the new task becomes a child of the caller unless parentId names another task in the caller\'s own subtree.',
      inputSchema: SPAWN_INPUT,
    },
    async (args) => toolResult(await spawn(ctx, args)),
  );

  server.registerTool(
    'axiom_status',
    {
      title: 'Task status',
      description: 'One task by id, or every task that has not ended (all: true includes ended ones).',
      inputSchema: { id: taskIdSchema.optional(), all: z.boolean().optional() },
      annotations: { readOnlyHint: true },
    },
    async ({ id, all }) => {
      if (id !== undefined) {
        // One task: with its open steering suggestions, which axiom_steer can accept.
        const suggestions = (ctx.steering?.list({ taskId: id, states: ['open'] }) ?? []).map((s) => ({ id: s.id, title: s.title, message: s.message, confidence: s.confidence }));
        return toolResult(mapResult(ctx.tasks.get(id), (t) => ({ ...summarizeTask(t), suggestions })));
      }
      const list = ctx.tasks.list().filter((t) => all === true || !FINAL_TASK_STATES.has(t.state));
      return toolResult(ok({ tasks: list.map(summarizeTask) }));
    },
  );

  server.registerTool(
    'axiom_dag',
    {
      title: 'Task tree',
      description: 'The task tree (who spawned whom) with each task\'s state. Default root: the calling agent\'s own task, or every root for the console.',
      inputSchema: { rootId: taskIdSchema.optional() },
      annotations: { readOnlyHint: true },
    },
    async ({ rootId }) => {
      const root = rootId ?? (ctx.caller.kind === 'agent' ? ctx.caller.taskId : undefined);
      if (root !== undefined && !ctx.tasks.get(root).ok) return toolResult(err('not_found:task', `no task ${root}`));
      const tree = buildTree(ctx.tasks.list(), root);
      return { content: [{ type: 'text', text: renderTree(tree) || '(no tasks)' }], structuredContent: { tree } };
    },
  );

  server.registerTool(
    'axiom_wait',
    {
      title: 'Wait for a task',
      description:
        'Wait until a task is no longer working (not queued, starting or busy, and no prompt waiting to be delivered), or until timeoutMs. ' +
        'Sends progress notifications while waiting when the request carries a progress token. Returns the task and whether it timed out.',
      inputSchema: {
        id: taskIdSchema,
        timeoutMs: z.number().int().min(0).max(WAIT_LIMITS.maxTimeoutMs).optional().describe(`Default ${WAIT_LIMITS.defaultTimeoutMs}`),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ id, timeoutMs }, extra) => {
      if (!ctx.tasks.get(id).ok) return toolResult(err('not_found:task', `no task ${id}`));
      const progressToken = extra._meta?.progressToken;
      const outcome = await waitUntilSettled({
        tasks: ctx.tasks,
        id,
        timeoutMs: timeoutMs ?? WAIT_LIMITS.defaultTimeoutMs,
        signal: extra.signal,
        onProgress:
          progressToken === undefined
            ? undefined
            : (elapsedMs, task) =>
                void extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress: elapsedMs, message: `${task.id} is ${task.state}` } }),
      });
      return toolResult(mapResult(outcome, (o) => ({ timedOut: o.timedOut, task: summarizeTask(o.task) })));
    },
  );
}

type SpawnArgs = z.output<z.ZodObject<typeof SPAWN_INPUT>>;

async function spawn(ctx: McpToolContext, args: SpawnArgs): Promise<Result<{ id: TaskId; sessionId: string | null; parentId: TaskId | null }>> {
  const { caller, tasks } = ctx;
  const parentId = args.parentId ?? (caller.kind === 'agent' ? caller.taskId : undefined);
  if (parentId !== undefined) {
    const inScope = scoped(tasks, caller, parentId);
    if (!inScope.ok) return inScope;
  }
  const allowed = ctx.limiter.take(ctx.limiterKey);
  if (!allowed.ok) return err('refused:rate-limit', `too many spawns from this caller; retry in ${Math.ceil(allowed.retryAfterMs / 1000)} s`);
  const { report, ...request } = args;
  const parsed = createTaskInputSchema.safeParse({ ...request, parentId });
  if (!parsed.success) return err('invalid:payload', parsed.error.issues.map((i) => i.message).join('; '));
  const startedAt = performance.now();
  const created = await tasks.create(parsed.data);
  ctx.onSpawned?.(performance.now() - startedAt);
  if (created.ok && parentId !== undefined && (report ?? caller.kind === 'agent')) ctx.reports?.watch(created.value.id, parentId);
  return mapResult(created, (c) => ({ id: c.id, sessionId: c.sessionId, parentId: parentId ?? null }));
}

function mapResult<T, U>(r: Result<T>, f: (v: T) => U): Result<U> {
  return r.ok ? ok(f(r.value)) : r;
}
