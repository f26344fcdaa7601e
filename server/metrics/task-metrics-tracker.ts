import type { StateSignal } from '../../protocol/agent';
import type { TaskId, TaskInfo, TaskState } from '../../protocol/task';

/**
 * Turns the stream of task:updated events into metric observations, once each: an ended
 * outcome when a task first reaches a final state, a spawn latency when a task first gets
 * its session after starting, a detection latency when the agent's state changes. Pure
 * (time is passed in), so the counting rules are unit tested.
 */
export interface TrackerSinks {
  ended(outcome: 'completed' | 'failed' | 'stopped'): void;
  spawned(ms: number): void;
  detected(signal: StateSignal, ms: number): void;
}

interface Seen {
  state: TaskState | null;
  agentState: string | null;
  startingAt: number | null;
  hadSession: boolean;
}

const OUTCOME: Partial<Record<TaskState, 'completed' | 'failed' | 'stopped'>> = { exited: 'completed', failed: 'failed', stopped: 'stopped' };

export class TaskMetricsTracker {
  private readonly seen = new Map<TaskId, Seen>();

  constructor(private readonly sinks: TrackerSinks) {}

  update(task: TaskInfo, nowMs: number): void {
    const prev: Seen = this.seen.get(task.id) ?? { state: null, agentState: null, startingAt: null, hadSession: false };
    const next: Seen = { ...prev, state: task.state };
    if (task.state === 'starting' && prev.state !== 'starting') next.startingAt = nowMs;
    if (!prev.hadSession && task.sessionId !== null) {
      next.hadSession = true;
      if (prev.startingAt !== null || next.startingAt !== null) this.sinks.spawned(Math.max(0, nowMs - (next.startingAt ?? prev.startingAt ?? nowMs)));
    }
    const status = task.status;
    if (status !== null && status.state !== prev.agentState) {
      next.agentState = status.state;
      // `since` is when the winning signal's reading changed on the server.
      if (prev.agentState !== null) this.sinks.detected(status.signal, Math.max(0, nowMs - status.since));
    }
    const outcome = OUTCOME[task.state];
    if (outcome !== undefined && prev.state !== task.state) this.sinks.ended(outcome);
    this.seen.set(task.id, next);
  }

  forget(id: TaskId): void {
    this.seen.delete(id);
  }
}
