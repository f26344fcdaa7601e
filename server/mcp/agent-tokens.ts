import { createHash, randomBytes } from 'node:crypto';
import type { TaskId } from '../../protocol/task';

/**
 * Per-agent MCP bearer tokens: each task the console starts gets its own random token,
 * held in memory only and mapped to the task id, so a tool call from that agent is known
 * to come from that task (its spawns become its children in the DAG).
 *
 * The map is keyed by the token's SHA-256, not the token: a lookup then compares digests
 * of a secret the caller does not control, so hash-map timing says nothing about the
 * token, and a heap dump of the map holds no usable credential.
 */
/** `axa_` and 32 random bytes in base64url (43 characters). */
const AGENT_TOKEN = /^axa_[A-Za-z0-9_-]{43}$/;

export class AgentTokens {
  private readonly byDigest = new Map<string, TaskId>();
  private readonly byTask = new Map<TaskId, string>();

  /** The task's token, minted on first use (a retried launch reuses it). */
  issue(taskId: TaskId): string {
    const existing = this.byTask.get(taskId);
    if (existing !== undefined) return existing;
    // 32 random bytes: the same strength as the console token.
    const token = `axa_${randomBytes(32).toString('base64url')}`;
    this.byTask.set(taskId, token);
    this.byDigest.set(digest(token), taskId);
    return token;
  }

  /**
   * Takes back a token this console minted before a restart (read from the agent's own
   * mcp.json when its task is adopted), so a running agent keeps its MCP tools. Only a
   * token of our own shape is accepted; it replaces any token the task had.
   */
  adopt(taskId: TaskId, token: string): boolean {
    if (!AGENT_TOKEN.test(token)) return false;
    this.revoke(taskId);
    this.byTask.set(taskId, token);
    this.byDigest.set(digest(token), taskId);
    return true;
  }

  /** The task a token belongs to, or null. */
  taskOf(token: string): TaskId | null {
    return this.byDigest.get(digest(token)) ?? null;
  }

  has(token: string): boolean {
    return this.taskOf(token) !== null;
  }

  /** Forget the task's token (the task ended or was removed). Returns whether it had one. */
  revoke(taskId: TaskId): boolean {
    const token = this.byTask.get(taskId);
    if (token === undefined) return false;
    this.byTask.delete(taskId);
    this.byDigest.delete(digest(token));
    return true;
  }

  get size(): number {
    return this.byTask.size;
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
