import type { AgentStatus } from '../../protocol/agent';
import type { TaskInfo } from '../../protocol/task';

/** Ids as plain strings: tests spell them literally, the fixture brands them. */
export type TaskPatch = Omit<Partial<TaskInfo>, 'parentId' | 'sessionId'> & { parentId?: string | null; sessionId?: string | null };

/** A plausible TaskInfo for tests of the browser's task helpers; `patch` overrides any field. */
export function taskInfo(id: string, patch: TaskPatch = {}): TaskInfo {
  return {
    id: id as TaskInfo['id'],
    name: id,
    prompt: `do ${id}`,
    agent: 'claude',
    state: 'busy',
    status: null,
    children: [],
    workspace: null,
    check: null,
    createdAt: 1_000,
    startedAt: null,
    endedAt: null,
    attempts: 1,
    error: null,
    timeoutMs: null,
    queue: [],
    receipts: [],
    queuePosition: null,
    verification: null,
    usage: { turns: 0, inputTokens: 0, outputTokens: 0 },
    openSuggestions: 0,
    autoSteer: { enabled: false, minConfidence: 0.8 },
    ...patch,
    parentId: (patch.parentId ?? null) as TaskInfo['parentId'],
    sessionId: (patch.sessionId ?? null) as TaskInfo['sessionId'],
  };
}

export function agentStatus(patch: Partial<AgentStatus> = {}): AgentStatus {
  return {
    state: 'busy',
    signal: 'hook',
    since: 1_000,
    waiting: null,
    disagreement: null,
    lastLine: '',
    exitCode: null,
    ...patch,
  };
}
