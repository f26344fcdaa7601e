import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { err, ok, type Result } from '../../protocol/result';
import type { TaskId, TaskInfo } from '../../protocol/task';
import type { SessionHost } from '../sessions/session-host';
import type { SteeringService } from '../steering/steering-service';
import type { TaskService } from '../tasks/task-service';
import type { ChildReports } from './child-reports';
import type { SpawnLimiter } from './spawn-limiter';

/**
 * What every MCP tool works with: the services, who is calling, and the shared limits.
 * Plus the small pure helpers the tools share (scope, result shaping, task summaries).
 */

/** The console token (a person, a script, `axiom mcp`) or one agent's own token. */
export type McpCaller = { kind: 'console' } | { kind: 'agent'; taskId: TaskId };

export interface McpToolContext {
  tasks: TaskService;
  host: SessionHost;
  caller: McpCaller;
  /** Suggestions to accept (axiom_steer) and to show (axiom_status). */
  steering?: Pick<SteeringService, 'accept' | 'list'>;
  limiter: SpawnLimiter;
  /** Who the spawn limit counts against: an agent's task id (across all its sessions), or
   * one console-token session (the token's holder can use REST without limits anyway, so
   * the limit only guards against one runaway client loop). */
  limiterKey: string;
  /** Children that report back to their parent (push-based completion). */
  reports?: ChildReports;
  /** Reports each spawn's service time (metrics, bench). */
  onSpawned?: (ms: number) => void;
}


/**
 * Whether `caller` may act on task `id`. The console may act on any task; an agent only
 * on itself and its descendants: it steers the tree it built, never a neighbour's.
 */
export function inScope(tasks: Pick<TaskService, 'get'>, caller: McpCaller, id: TaskId): boolean {
  if (caller.kind === 'console') return true;
  let current: TaskId | null = id;
  // Bounded by the tree's depth; the guard stops a cycle from spinning forever.
  for (let hops = 0; current !== null && hops < 10_000; hops++) {
    if (current === caller.taskId) return true;
    const found: Result<TaskInfo> = tasks.get(current);
    current = found.ok ? found.value.parentId : null;
  }
  return false;
}

export function scoped(tasks: Pick<TaskService, 'get'>, caller: McpCaller, id: TaskId): Result<null> {
  if (!tasks.get(id).ok) return err('not_found:task', `no task ${id}`);
  return inScope(tasks, caller, id) ? ok(null) : err('refused:scope', `task ${id} is not yours: an agent acts only on itself and the tasks it spawned`);
}

/** A Result as a tool result: JSON text for any client, structured content for those that
 * read it, and `isError` with the `kind:surface` code for a refusal. */
export function toolResult<T>(result: Result<T>): CallToolResult {
  if (!result.ok) {
    return { isError: true, content: [{ type: 'text', text: `${result.error.code}: ${result.error.message}` }] };
  }
  const value = result.value;
  const structured = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 1) }], structuredContent: structured };
}

/** What an agent needs to know about a task, without the full record's noise. */
export interface TaskSummary {
  id: TaskId;
  name: string;
  agent: TaskInfo['agent'];
  state: TaskInfo['state'];
  parentId: TaskId | null;
  children: TaskId[];
  sessionId: string | null;
  lastLine: string;
  waiting: { question: string; choices: string[] } | null;
  queuedPrompts: number;
  exitCode: number | null;
  error: string | null;
  workspace: string | null;
}

export function summarizeTask(t: TaskInfo): TaskSummary {
  const waiting = t.status?.waiting ?? null;
  return {
    id: t.id,
    name: t.name,
    agent: t.agent,
    state: t.state,
    parentId: t.parentId,
    children: t.children,
    sessionId: t.sessionId,
    lastLine: t.status?.lastLine ?? '',
    waiting: waiting === null ? null : { question: waiting.question, choices: waiting.choices.map((c) => `${c.key}. ${c.label}`) },
    queuedPrompts: t.queue.length,
    exitCode: t.status?.exitCode ?? null,
    error: t.error === null ? null : `${t.error.code}: ${t.error.message}`,
    workspace: t.workspace?.path ?? null,
  };
}

/** `*` matches any run of characters, everything else literally, case-insensitive. A glob
 * and not a regex: a caller-supplied regex could be catastrophic (ReDoS) on long names. */
export function globMatcher(pattern: string): (name: string) => boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`^${escaped.join('.*')}$`, 'i');
  return (name) => re.test(name);
}
