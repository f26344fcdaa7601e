/**
 * Test fixtures for the store: plausible TaskInfo and SessionInfo values. Not imported by
 * production code.
 */
import type { SessionId } from '../../../protocol/ids';
import type { SessionInfo } from '../../../protocol/session';
import type { TaskId, TaskInfo } from '../../../protocol/task';

export function taskInfo(id: string, extra: Partial<TaskInfo> = {}): TaskInfo {
  return {
    id: id as TaskId,
    name: `task ${id}`,
    prompt: 'fix the bug ✓',
    agent: 'shell',
    state: 'queued',
    status: null,
    parentId: null,
    children: [],
    sessionId: null,
    workspace: null,
    check: null,
    createdAt: 1_700_000_000_000,
    startedAt: null,
    endedAt: null,
    attempts: 0,
    error: null,
    timeoutMs: null,
    queue: [],
    receipts: [],
    queuePosition: 0,
    verification: null, usage: { turns: 0, inputTokens: 0, outputTokens: 0 }, openSuggestions: 0, autoSteer: { enabled: false, minConfidence: 0.8 },
    ...extra,
  };
}

export function sessionInfo(id: string, extra: Partial<SessionInfo> = {}): SessionInfo {
  return {
    id: id as SessionId,
    name: 'bash',
    command: '/bin/bash',
    args: [],
    cwd: '/tmp',
    status: 'running',
    pid: 1234,
    exitCode: null,
    signal: null,
    cols: 80,
    rows: 24,
    interruptKey: 'ctrl-c',
    createdAt: 1_700_000_000_000,
    exitedAt: null,
    generation: 1,
    outputBytes: 0,
    ...extra,
  };
}
