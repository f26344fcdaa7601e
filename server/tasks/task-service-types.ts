import type { SessionId } from '../../protocol/ids';
import type { Intervention } from '../../protocol/steering';
import type { CreateTaskRequest, TaskId, TaskInfo } from '../../protocol/task';
import type { AgentAdapter } from '../agents/agent-adapter';
import type { AgentRun } from '../agents/agent-run';
import type { Logger } from '../logger';
import type { SessionHost } from '../sessions/session-host';
import type { SchedulerOptions } from './task-scheduler';

/** The task service's options, events and per-task record. */
export interface TaskLedger {
  recordTask(task: TaskInfo): void;
  removeTask(id: TaskId): void;
  append(event: { type: string; taskId?: string | null; sessionId?: string | null; data: unknown }): number;
}

export interface TaskServiceOptions {
  host: SessionHost;
  dataDir: string;
  /** The console's own origin (known after listen): hooks report there. */
  origin: () => string;
  /** Offline mode: Claude instances talk to this scripted model server. */
  model: () => { baseUrl: string; apiKey: string } | null;
  log: Logger;
  ledger?: TaskLedger;
  scheduler?: Partial<SchedulerOptions>;
  pollMs?: number;
  /** The console's MCP endpoint and a token for this task's agent (server/mcp/). */
  mcp?: (id: TaskId) => { url: string; token: string } | null;
  /** An adopted task's agent still presents the MCP token its launch wrote (mcp.json in
   * its private folder): give it back to the token registry. */
  adoptMcpToken?: (id: TaskId, token: string) => void;
  /** Arbitration (input-arbiter.ts): how long a person still holds a session's pane. */
  heldMs?: (sessionId: SessionId) => number;
  /** The size a browser last fitted a task's pane to (pane-size-hint.ts): a new agent
   * starts at it, not at a default it is resized from a moment later. */
  paneSize?: () => { cols: number; rows: number } | null;
}

export type TaskEvent = { type: 'task:updated'; task: TaskInfo } | { type: 'task:removed'; id: TaskId };

/**
 * What oversight (verification, steering, guardrails) listens to; not sent to browsers.
 * `turn-ended`: the agent went from working (busy/waiting) to idle, with what it said last
 * when the agent reports it (Claude's Stop hook carries the last assistant message).
 */
export type TaskLifecycle =
  | { type: 'started'; task: TaskInfo }
  | { type: 'turn-ended'; task: TaskInfo; lastMessage: string | null; transcriptPath: string | null }
  | { type: 'ended'; task: TaskInfo }
  | { type: 'hook'; task: TaskInfo; payload: Record<string, unknown> }
  | { type: 'intervention'; intervention: Omit<Intervention, 'id' | 'at'> };

export type Who = Intervention['who'];
/** Who acted and why, for the intervention record. */
export interface InterventionMeta {
  who?: Who;
  kind?: Intervention['kind'];
  suggestionId?: Intervention['suggestionId'];
}

export interface TaskRecord {
  info: TaskInfo;
  request: CreateTaskRequest;
  adapter: AgentAdapter;
  run: AgentRun | null;
  hookSecret: Buffer;
  timeout: NodeJS.Timeout | null;
  /** A coalesced publish of a last-line change (see LINE_PUBLISH_MS). */
  linePublish: NodeJS.Timeout | null;
  /** Prompts sent before the agent started. */
  early: Array<{ text: string; mode: 'queue' | 'now' }>;
  /** Resolves when the first spawn attempt settled (for create's bounded wait). */
  firstAttempt: Promise<void>;
  settleFirst: () => void;
}

