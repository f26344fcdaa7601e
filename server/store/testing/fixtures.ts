/**
 * Test fixtures for the store: plausible TaskInfo and SessionInfo values. Not imported by
 * production code.
 */
import type { SessionId } from '../../../protocol/ids';
import type { SessionInfo } from '../../../protocol/session';
import type { TaskInfo } from '../../../protocol/task';
import { taskInfo as sharedTaskInfo } from '../../../lib/testing/task-fixture';

/** The shared TaskInfo fixture, with a queued shell task's values and a non-ASCII prompt. */
export function taskInfo(id: string, extra: Partial<TaskInfo> = {}): TaskInfo {
  const base = sharedTaskInfo(id, { name: `task ${id}`, prompt: 'fix the bug ✓', agent: 'shell', state: 'queued', createdAt: 1_700_000_000_000, attempts: 0, queuePosition: 0 });
  return { ...base, ...extra };
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
