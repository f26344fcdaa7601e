import type { TaskInfo } from '../protocol/task';
import { isLiveTask } from './task-format';

/**
 * The dashboard header's figures, from the tasks the browser knows (the tasks store): pure,
 * so the definitions are tested and shared.
 * - active: agents running (starting, busy, waiting, idle); queued: waiting for a slot.
 * - success rate, over finished tasks: verified, or ended on its own with exit code 0,
 *   counts as success; failed, needs-work or a non-zero exit as failure. Tasks a person
 *   stopped are left out (neither).
 * - average task time: start to end, over tasks that ended after starting.
 * - tokens: input + output, summed where the agent reports usage (Claude transcripts).
 */
export interface TaskStats {
  active: number;
  queued: number;
  succeeded: number;
  finished: number;
  /** 0..1, or null with nothing finished. */
  successRate: number | null;
  avgTaskMs: number | null;
  tokens: number;
}

function outcome(t: TaskInfo): 'success' | 'failure' | null {
  if (t.verification?.state === 'verified') return 'success';
  if (t.verification?.state === 'needs-work' || t.state === 'failed') return 'failure';
  if (t.state === 'exited') return (t.status?.exitCode ?? 0) === 0 ? 'success' : 'failure';
  return null;
}

export function taskStats(tasks: readonly TaskInfo[]): TaskStats {
  let active = 0;
  let queued = 0;
  let succeeded = 0;
  let finished = 0;
  let timed = 0;
  let totalMs = 0;
  let tokens = 0;
  for (const t of tasks) {
    if (isLiveTask(t.state)) active += 1;
    if (t.state === 'queued') queued += 1;
    const o = outcome(t);
    if (o !== null) finished += 1;
    if (o === 'success') succeeded += 1;
    if (t.startedAt !== null && t.endedAt !== null) {
      timed += 1;
      totalMs += t.endedAt - t.startedAt;
    }
    tokens += (t.usage?.inputTokens ?? 0) + (t.usage?.outputTokens ?? 0);
  }
  return {
    active,
    queued,
    succeeded,
    finished,
    successRate: finished === 0 ? null : succeeded / finished,
    avgTaskMs: timed === 0 ? null : totalMs / timed,
    tokens,
  };
}
