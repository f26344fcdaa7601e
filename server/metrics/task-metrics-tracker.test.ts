import { describe, expect, it } from 'vitest';
import type { AgentStatus, StateSignal } from '../../protocol/agent';
import type { SessionId } from '../../protocol/ids';
import { untouchedTaskFields, type TaskId, type TaskInfo, type TaskState } from '../../protocol/task';
import { TaskMetricsTracker } from './task-metrics-tracker';

function task(state: TaskState, extra: Partial<TaskInfo> = {}): TaskInfo {
  return {
    ...untouchedTaskFields(),
    id: 't-abcdef' as TaskId, name: 'n', prompt: 'p', agent: 'shell', state, createdAt: 0, attempts: 1, ...extra,
  };
}
const status = (state: AgentStatus['state'], signal: StateSignal, since: number): AgentStatus => ({ state, signal, since, waiting: null, disagreement: null, lastLine: '', exitCode: null });

describe('TaskMetricsTracker', () => {
  it('observes spawn latency once, detection latency per agent state change, each outcome once', () => {
    const seen: string[] = [];
    const t = new TaskMetricsTracker({
      ended: (o) => seen.push(`ended:${o}`),
      spawned: (ms) => seen.push(`spawned:${ms}`),
      detected: (signal, ms) => seen.push(`detected:${signal}:${ms}`),
    });
    const sid = 's-abcdef' as SessionId;
    t.update(task('queued'), 0);
    t.update(task('starting'), 100);
    t.update(task('starting', { sessionId: sid, status: status('starting', 'silence', 130) }), 140);
    t.update(task('busy', { sessionId: sid, status: status('busy', 'hook', 200) }), 203);
    t.update(task('busy', { sessionId: sid, status: status('busy', 'hook', 200) }), 250);
    t.update(task('idle', { sessionId: sid, status: status('idle', 'screen', 300) }), 310);
    t.update(task('exited', { sessionId: sid, status: status('exited', 'process', 400) }), 401);
    t.update(task('exited', { sessionId: sid, status: status('exited', 'process', 400) }), 402);
    expect(seen).toEqual(['spawned:40', 'detected:hook:3', 'detected:screen:10', 'detected:process:1', 'ended:completed']);
  });
});
