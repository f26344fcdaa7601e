import type { AgentStatus } from '../../protocol/agent';
import { untouchedTaskFields, type TaskInfo } from '../../protocol/task';

/** Ids as plain strings: tests spell them literally, the fixture brands them. */
export type TaskPatch = Omit<Partial<TaskInfo>, 'parentId' | 'sessionId'> & { parentId?: string | null; sessionId?: string | null };

/** A plausible TaskInfo for tests of the browser's task helpers; `patch` overrides any field. */
export function taskInfo(id: string, patch: TaskPatch = {}): TaskInfo {
  return {
    ...untouchedTaskFields(),
    id: id as TaskInfo['id'],
    name: id,
    prompt: `do ${id}`,
    agent: 'claude',
    state: 'busy',
    createdAt: 1_000,
    attempts: 1,
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
