import { describe, expect, it } from 'vitest';
import { agentStatus, taskInfo } from './testing/task-fixture';
import { taskStats } from './task-stats';

describe('taskStats', () => {
  it('counts active and queued, success over finished tasks (stopped left out), average time and tokens', () => {
    const verification = (state: 'verified' | 'needs-work') => ({ state, reason: '', attempt: 1, retriesAllowed: 0, retriesUsed: 0 });
    const stats = taskStats([
      taskInfo('t-busy01', { state: 'busy', usage: { turns: 1, inputTokens: 1000, outputTokens: 200 } }),
      taskInfo('t-idle01', { state: 'idle', verification: verification('verified'), usage: { turns: 2, inputTokens: 300, outputTokens: 0 } }),
      taskInfo('t-queue1', { state: 'queued' }),
      taskInfo('t-exit01', { state: 'exited', status: agentStatus({ state: 'exited', exitCode: 0 }), startedAt: 1_000, endedAt: 31_000 }),
      taskInfo('t-exit02', { state: 'exited', status: agentStatus({ state: 'exited', exitCode: 2 }), startedAt: 0, endedAt: 10_000 }),
      taskInfo('t-fail01', { state: 'failed' }),
      taskInfo('t-stop01', { state: 'stopped', startedAt: 0, endedAt: 20_000 }),
    ]);
    expect(stats).toEqual({ active: 2, queued: 1, succeeded: 2, finished: 4, successRate: 0.5, avgTaskMs: 20_000, tokens: 1500 });
    expect(taskStats([])).toMatchObject({ successRate: null, avgTaskMs: null, tokens: 0 });
  });
});
