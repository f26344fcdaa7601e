import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { TaskInfo } from '../../protocol/task';
import type { SessionHost } from '../sessions/session-host';
import type { SteeringService } from '../steering/steering-service';
import type { TaskService } from '../tasks/task-service';
import { TaskMetricsTracker } from './task-metrics-tracker';

/**
 * `/metrics` in Prometheus text format. One Registry per console (never prom-client's
 * global one): tests and benches start several consoles in one process, and a global
 * registry would refuse the second set of metric names.
 */
export const METRICS_PATH = '/metrics';

/** Seconds. Spawns take milliseconds (a shell) to a few seconds (a worktree plus Claude);
 * state detection from a hook is sub-millisecond, from screen polling up to a poll period. */
const SPAWN_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const DETECTION_BUCKETS_S = [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export interface ConsoleMetrics {
  registry: Registry;
  /** axiom_spawn's service time (the MCP endpoint reports it). */
  observeMcpSpawn(ms: number): void;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  dispose(): void;
}

export interface ConsoleMetricsOptions {
  tasks: TaskService;
  host: SessionHost;
  steering?: Pick<SteeringService, 'onEvent'>;
  mcpSessions?: () => number;
}

export function createConsoleMetrics(o: ConsoleMetricsOptions): ConsoleMetrics {
  const registry = new Registry();
  const countIn = (states: ReadonlyArray<TaskInfo['state']>): number => o.tasks.list().filter((t) => states.includes(t.state)).length;
  new Gauge({
    name: 'axiom_tasks_active',
    help: 'Tasks whose agent is running (starting, busy, waiting or idle)',
    registers: [registry],
    collect() {
      this.set(countIn(['starting', 'busy', 'waiting', 'idle']));
    },
  });
  new Gauge({
    name: 'axiom_tasks_queued',
    help: 'Tasks waiting for a slot under the concurrency limit',
    registers: [registry],
    collect() {
      this.set(countIn(['queued']));
    },
  });
  const ended = new Counter({ name: 'axiom_tasks_ended_total', help: 'Tasks that ended, by outcome: completed (the agent exited), failed, stopped', labelNames: ['outcome'], registers: [registry] });
  for (const outcome of ['completed', 'failed', 'stopped']) ended.inc({ outcome }, 0);
  const spawn = new Histogram({ name: 'axiom_task_spawn_seconds', help: 'From a task starting (workspace, launch plan) to its agent process running', buckets: SPAWN_BUCKETS_S, registers: [registry] });
  const mcpSpawn = new Histogram({ name: 'axiom_mcp_spawn_seconds', help: 'axiom_spawn service time: the tool call to the task id', buckets: SPAWN_BUCKETS_S, registers: [registry] });
  const detection = new Histogram({
    name: 'axiom_state_detection_seconds',
    help: 'From the signal that changed an agent state reaching the server (hook received, screen or title read) to task:updated being emitted; excludes the hook process and the poll interval',
    labelNames: ['signal'],
    buckets: DETECTION_BUCKETS_S,
    registers: [registry],
  });
  const steerAttempts = new Counter({ name: 'axiom_steering_attempts_total', help: 'Steering suggestions raised by the rules', registers: [registry] });
  const steerAccepted = new Counter({ name: 'axiom_steering_acceptances_total', help: 'Steering suggestions accepted by a person or an API call, or auto-applied', registers: [registry] });
  const seenSuggestions = new Map<string, string>();
  const stopSteering = o.steering?.onEvent((e) => {
    if (e.type === 'suggestion:removed') return void seenSuggestions.delete(e.id);
    if (e.type !== 'suggestion:updated') return;
    const before = seenSuggestions.get(e.suggestion.id);
    if (before === undefined) steerAttempts.inc();
    const state = e.suggestion.state;
    if (before !== state && (state === 'accepted' || state === 'auto-applied')) steerAccepted.inc();
    seenSuggestions.set(e.suggestion.id, state);
  });
  const seenBytes = new Map<string, number>();
  new Counter({
    name: 'axiom_output_bytes_total',
    help: 'Bytes of terminal output from every session (sampled at scrape time: bytes of a session removed between scrapes are not counted)',
    registers: [registry],
    async collect() {
      const list = await o.host.request({ type: 'list' });
      if (!list.ok) return;
      for (const s of list.value) {
        const delta = s.outputBytes - (seenBytes.get(s.id) ?? 0);
        if (delta > 0) this.inc(delta);
        seenBytes.set(s.id, s.outputBytes);
      }
    },
  });
  if (o.mcpSessions !== undefined) {
    const sessions = o.mcpSessions;
    new Gauge({ name: 'axiom_mcp_sessions', help: 'Open MCP sessions on /mcp', registers: [registry], collect() { this.set(sessions()); } });
  }

  const tracker = new TaskMetricsTracker({
    ended: (outcome) => ended.inc({ outcome }),
    spawned: (ms) => spawn.observe(ms / 1000),
    detected: (signal, ms) => detection.observe({ signal }, ms / 1000),
  });
  const unsubscribe = o.tasks.onEvent((e) => (e.type === 'task:updated' ? tracker.update(e.task, Date.now()) : tracker.forget(e.id)));

  return {
    registry,
    observeMcpSpawn: (ms) => mcpSpawn.observe(ms / 1000),
    async handle(_req, res) {
      const text = await registry.metrics();
      res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
      res.end(text);
    },
    dispose: () => {
      unsubscribe();
      stopSteering?.();
      registry.clear();
    },
  };
}
