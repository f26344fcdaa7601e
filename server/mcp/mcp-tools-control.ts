import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { LIMITS } from '../../protocol/limits';
import { err, ok, type Result } from '../../protocol/result';
import { acceptSuggestionSchema, suggestionIdSchema } from '../../protocol/steering';
import { FINAL_TASK_STATES, taskApproveSchema, taskIdSchema, taskInterruptSchema, taskPromptSchema, type TaskId } from '../../protocol/task';
import { globMatcher, inScope, scoped, toolResult, type McpToolContext } from './mcp-context';

/**
 * The tools that read a task's screen and act on it: axiom_output, axiom_interrupt,
 * axiom_inject, axiom_approve, axiom_steer. An agent may act only on itself and its
 * descendants (scope); the console token may act on any task.
 */
const OUTPUT_LIMITS = {
  /** A screen is at most a few thousand characters; a tail of 200 lines covers a full
   * tall screen while keeping a tool result small enough for a model's context. */
  maxTailLines: 200,
  defaultTailLines: 40,
} as const;

export function registerControlTools(server: McpServer, ctx: McpToolContext): void {
  const { tasks, caller } = ctx;
  const guard = (id: TaskId): Result<null> => scoped(tasks, caller, id);

  server.registerTool(
    'axiom_output',
    {
      title: 'Task output',
      description: 'What a task\'s terminal shows now: the whole screen as text, or its last `lines` non-empty lines (tail).',
      inputSchema: {
        id: taskIdSchema,
        lines: z.number().int().min(1).max(OUTPUT_LIMITS.maxTailLines).optional().describe(`Tail: the last N non-empty lines (default: the whole screen)`),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ id, lines }) => {
      const task = tasks.get(id);
      if (!task.ok) return toolResult(task);
      if (task.value.sessionId === null) return toolResult(ok({ id, state: task.value.state, text: '' }));
      const screen = await ctx.host.request({ type: 'screen', id: task.value.sessionId });
      if (!screen.ok) return toolResult(screen);
      const all = screen.value.text;
      const text = lines === undefined ? all : all.split('\n').filter((l) => l.trim() !== '').slice(-lines).join('\n');
      return { content: [{ type: 'text', text }], structuredContent: { id, state: task.value.state, title: screen.value.title, text } };
    },
  );

  server.registerTool(
    'axiom_interrupt',
    {
      title: 'Interrupt tasks',
      description:
        'Interrupt a task\'s current turn (ESC for agent CLIs, Ctrl-C for shells) and report whether it stopped; or every running task whose name matches `pattern` (`*` is a wildcard, case-insensitive).',
      inputSchema: {
        id: taskIdSchema.optional(),
        pattern: z.string().min(1).max(LIMITS.maxNameLength).optional(),
        subtree: taskInterruptSchema.shape.subtree.describe('Also interrupt the task\'s descendants'),
      },
    },
    async ({ id, pattern, subtree }) => {
      if ((id === undefined) === (pattern === undefined)) return toolResult(err('invalid:payload', 'give exactly one of id or pattern'));
      let ids: TaskId[];
      if (id !== undefined) {
        const allowed = guard(id);
        if (!allowed.ok) return toolResult(allowed);
        ids = [id];
      } else {
        const matches = globMatcher(pattern ?? '');
        ids = tasks.list().filter((t) => !FINAL_TASK_STATES.has(t.state) && matches(t.name) && inScope(tasks, caller, t.id)).map((t) => t.id);
      }
      const results = await Promise.all(ids.map(async (t) => ({ id: t, result: await tasks.interrupt(t, { subtree }) })));
      const outcomes = results.map(({ id: t, result }) => (result.ok ? { id: t, outcomes: result.value } : { id: t, error: result.error.code }));
      return toolResult(ok({ interrupted: outcomes }));
    },
  );

  server.registerTool(
    'axiom_inject',
    {
      title: 'Send a prompt to a task',
      description: 'Send text to a task\'s agent: mode "queue" (default) delivers it when the agent is idle; "now" types it at once, even mid-turn.',
      // The REST prompt body (text, mode), with the task's id.
      inputSchema: { id: taskIdSchema, ...taskPromptSchema.shape },
    },
    async ({ id, text, mode }) => {
      const allowed = guard(id);
      return toolResult(allowed.ok ? await tasks.prompt(id, text, mode, { who: 'api' }) : allowed);
    },
  );

  server.registerTool(
    'axiom_approve',
    {
      title: 'Answer a permission prompt',
      description: 'Answer the permission prompt a waiting task shows: yes, yes-all (allow for the session) or no.',
      inputSchema: { id: taskIdSchema, ...taskApproveSchema.shape },
    },
    async ({ id, choice }) => {
      const allowed = guard(id);
      return toolResult(allowed.ok ? await tasks.approve(id, choice) : allowed);
    },
  );

  server.registerTool(
    'axiom_steer',
    {
      title: 'Steer a task',
      description:
        'Steer a task. With suggestionId: accept that steering suggestion (see axiom_status for a task\'s open suggestions), optionally with an edited message. ' +
        'Without: type `message` into the agent now, mid-turn if it is busy (like axiom_inject with mode "now"), recorded as a steering intervention.',
      inputSchema: {
        id: taskIdSchema,
        // The text an accepted suggestion may be edited to, and a steer's text: the same limits.
        message: acceptSuggestionSchema.shape.text,
        suggestionId: suggestionIdSchema.optional(),
      },
    },
    async ({ id, message, suggestionId }) => {
      const allowed = guard(id);
      if (!allowed.ok) return toolResult(allowed);
      if (suggestionId === undefined) {
        if (message === undefined) return toolResult(err('invalid:payload', 'give a message, or a suggestionId to accept'));
        return toolResult(await tasks.prompt(id, message, 'now', { kind: 'steer', who: 'api' }));
      }
      const suggestion = ctx.steering?.list({ taskId: id }).find((s) => s.id === suggestionId);
      if (ctx.steering === undefined || suggestion === undefined) return toolResult(err('not_found:suggestion', `no suggestion ${suggestionId} on task ${id}`));
      return toolResult(await ctx.steering.accept(suggestionId, { ...(message === undefined ? {} : { text: message }), who: 'api' }));
    },
  );
}
