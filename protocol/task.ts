import { z } from 'zod';
import { LIMITS } from './limits';
import { agentKindSchema, approveChoiceSchema, type AgentKind, type AgentStatus, type PromptReceipt } from './agent';
import type { SessionId } from './ids';
import type { WireError } from './result';
import type { VerificationSummary } from './verification';

/**
 * Tasks: a prompt given to an agent in a workspace, with an optional parent (the DAG) and an
 * optional check command.
 */
declare const taskIdBrand: unique symbol;
export type TaskId = string & { readonly [taskIdBrand]: true };
export const TASK_ID_PATTERN = /^t-[a-z0-9]{6,32}$/;
export const taskIdSchema = z
  .string()
  .regex(TASK_ID_PATTERN, 'not a task id')
  .transform((s) => s as TaskId);
export function parseTaskId(raw: unknown): TaskId | undefined {
  const r = taskIdSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}

/**
 * The state a task shows (DAG colour, filters). While its agent runs it is the agent's state
 * (starting/busy/waiting/idle); before, `queued`; after, `exited` (the agent ended on its
 * own, see exitCode), `failed` (could not spawn after retries, or timed out) or `stopped`
 * (a person or an API call stopped it).
 */
export const TASK_STATES = ['queued', 'starting', 'busy', 'waiting', 'idle', 'exited', 'failed', 'stopped'] as const;
export const taskStateSchema = z.enum(TASK_STATES);
export type TaskState = z.infer<typeof taskStateSchema>;
export const FINAL_TASK_STATES: ReadonlySet<TaskState> = new Set(['exited', 'failed', 'stopped']);

/** "Who needs me" first: the order the task list sorts and filters by. */
export const TASK_STATE_URGENCY: Record<TaskState, number> = {
  waiting: 0,
  idle: 1,
  failed: 2,
  busy: 3,
  starting: 4,
  queued: 5,
  exited: 6,
  stopped: 7,
};

/** auto: a git worktree on a new branch when cwd is in a git repository, else a fresh
 * sandbox folder. in-place: use cwd as is. */
export const workspaceModeSchema = z.enum(['auto', 'in-place']);

export interface TaskWorkspace {
  kind: 'worktree' | 'sandbox' | 'in-place';
  /** Where the agent runs. */
  path: string;
  /** The folder the user pointed at; the repository's root for a worktree, and for an
   * in-place folder inside a repository. */
  source: string;
  /** The worktree's branch. */
  branch: string | null;
}

export const LIMITS_TASK = {
  maxPromptChars: 32 * 1024,
  maxCheckChars: 4096,
  maxTimeoutMs: 24 * 60 * 60 * 1000,
} as const;

export const createTaskInputSchema = z
  .object({
    prompt: z.string().min(1).max(LIMITS_TASK.maxPromptChars),
    /** Defaults to claude when `claude` is found, else shell. */
    agent: agentKindSchema.optional(),
    /** For agent "shell": the command to run (default the user's shell). */
    command: z.string().min(1).max(LIMITS.maxArgLength).optional(),
    args: z.array(z.string().max(LIMITS.maxArgLength)).max(LIMITS.maxArgs).optional(),
    cwd: z.string().min(1).max(LIMITS.maxArgLength).optional(),
    parentId: taskIdSchema.optional(),
    check: z.string().min(1).max(LIMITS_TASK.maxCheckChars).optional(),
    workspace: workspaceModeSchema.default('auto'),
    name: z.string().min(1).max(LIMITS.maxNameLength).optional(),
    timeoutMs: z.number().int().min(1000).max(LIMITS_TASK.maxTimeoutMs).optional(),
    /** Prefix the child's prompt with a summary of its parent's prompt and workspace. */
    inheritContext: z.boolean().default(true),
    /** Claude only: `default` shows permission prompts; `acceptEdits` lets file edits through. */
    permissionMode: z.enum(['default', 'acceptEdits']).default('default'),
    /** After a failed verification, send the failing output back and retry up to this many times. */
    verifyRetries: z.number().int().min(0).max(10).default(0),
    /** Guardrails: past any of these the agent is interrupted and a person notified. */
    budget: z
      .object({
        wallMs: z.number().int().min(1000).max(LIMITS_TASK.maxTimeoutMs).optional(),
        turns: z.number().int().min(1).max(10_000).optional(),
        tokens: z.number().int().min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CreateTaskInput = z.input<typeof createTaskInputSchema>;
export type CreateTaskRequest = z.output<typeof createTaskInputSchema>;

export const taskPromptSchema = z
  .object({ text: z.string().min(1).max(LIMITS_TASK.maxPromptChars), mode: z.enum(['queue', 'now']).default('queue') })
  .strict();
export const taskApproveSchema = z.object({ choice: approveChoiceSchema.default('yes') }).strict();
export const taskInterruptSchema = z
  .object({
    subtree: z.boolean().default(false),
    /** Policy: when the first key does not stop the work, send the adapter's next key (e.g.
     * Ctrl-C after ESC). Off unless asked for. */
    escalate: z.boolean().default(false),
  })
  .strict();
export const taskStopSchema = z.object({ subtree: z.boolean().default(true) }).strict();

export interface TaskInfo {
  id: TaskId;
  name: string;
  prompt: string;
  agent: AgentKind;
  state: TaskState;
  /** The agent's fused status while it has a session; null before it starts. */
  status: AgentStatus | null;
  parentId: TaskId | null;
  children: TaskId[];
  sessionId: SessionId | null;
  workspace: TaskWorkspace | null;
  check: string | null;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  /** Spawn attempts so far (retries with backoff, at most 3). */
  attempts: number;
  /** Why the task failed, for `failed`. */
  error: WireError | null;
  timeoutMs: number | null;
  /** Prompts waiting for the agent to be idle, oldest first. */
  queue: PromptReceipt[];
  /** The latest receipts (delivered or failed), newest last, at most 10. */
  receipts: PromptReceipt[];
  /** Position in the scheduler's queue (0 = next), for `queued`. */
  queuePosition: number | null;
  /** null until a turn ends on a task that has a check (or a default one). */
  verification: VerificationSummary | null;
  /** Turns finished, and tokens where the agent reports them (Claude transcripts). */
  usage: { turns: number; inputTokens: number; outputTokens: number };
  /** Suggestions still open on this task. */
  openSuggestions: number;
  autoSteer: { enabled: boolean; minConfidence: number };
}

/** Auto-steer applies suggestions at or above this confidence unless a person sets another. */
export const DEFAULT_AUTO_STEER_CONFIDENCE = 0.8;

/** The fields a task has before anything happened to it. */
export type UntouchedTaskFields = Omit<TaskInfo, 'id' | 'name' | 'prompt' | 'agent' | 'state' | 'createdAt' | 'attempts'>;

/** Those fields, as fresh objects on each call: the one place their defaults are spelled
 * out (a new task on the server, test fixtures, the bench). */
export function untouchedTaskFields(): UntouchedTaskFields {
  return {
    status: null,
    parentId: null,
    children: [],
    sessionId: null,
    workspace: null,
    check: null,
    startedAt: null,
    endedAt: null,
    error: null,
    timeoutMs: null,
    queue: [],
    receipts: [],
    queuePosition: null,
    verification: null,
    usage: { turns: 0, inputTokens: 0, outputTokens: 0 },
    openSuggestions: 0,
    autoSteer: { enabled: false, minConfidence: DEFAULT_AUTO_STEER_CONFIDENCE },
  };
}

export interface TaskCreated {
  id: TaskId;
  /** null while the task is queued behind the concurrency limit. */
  sessionId: SessionId | null;
}

/** Socket payloads: the REST bodies plus the task id. */
export const taskRefSchema = z.object({ id: taskIdSchema }).strict();
export const taskPromptRequestSchema = taskPromptSchema.extend({ id: taskIdSchema });
export const taskInterruptRequestSchema = taskInterruptSchema.extend({ id: taskIdSchema });
export const taskApproveRequestSchema = taskApproveSchema.extend({ id: taskIdSchema });
export const taskStopRequestSchema = taskStopSchema.extend({ id: taskIdSchema });
