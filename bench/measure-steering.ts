import type { Result } from '../protocol/result';
import type { Suggestion } from '../protocol/steering';
import type { TaskCreated, TaskInfo } from '../protocol/task';
import { connectSocket, type BenchSocket } from './lib/socket-client';
import { summarize, type Summary } from './lib/stats';

/**
 * Steering over the labelled scenario suite (real Claude Code CLI, scripted model): which
 * suggestions were raised correctly, missed, or raised wrongly, and how long after the
 * trigger (the turn's end, or the waiting threshold) the suggestion reached a viewer.
 */
type Sock = BenchSocket;

interface Case {
  prompt: string;
  expect: string[];
  check?: string;
  permissionMode?: 'default' | 'acceptEdits';
}

const CHECK = 'grep -q correct result.txt';
/** The waiting threshold the bench's console runs with (steering.json). */
export const BENCH_WAIT_SECONDS = 2;

const CASES: Case[] = [
  { prompt: 'plan the work', expect: ['planning-without-code'] },
  { prompt: 'stub-code', expect: ['todo-stubs'] },
  { prompt: 'claim-done', expect: ['unverified-claim'], check: CHECK },
  { prompt: 'claim-failing', expect: ['unverified-claim'], check: CHECK },
  { prompt: 'repeat-error', expect: ['repeated-error'] },
  { prompt: 'please write:bench-wait.txt', expect: ['waiting-too-long'], permissionMode: 'default' },
  { prompt: 'honest-work', expect: [], check: CHECK },
];

export interface SteeringResult {
  expected: number;
  raisedCorrectly: number;
  missed: number;
  falseAlarms: number;
  triggerToSuggestionMs: Summary;
  perCase: Array<{ prompt: string; expected: string[]; raised: string[] }>;
}

export async function measureSteering(url: string, token: string, rounds: number): Promise<SteeringResult> {
  const socket = await connectSocket(url, token);
  const latencies: number[] = [];
  const perCase: SteeringResult['perCase'] = [];
  let expected = 0;
  let correct = 0;
  let falseAlarms = 0;
  try {
    for (let r = 0; r < rounds; r++) {
      for (const c of CASES) {
        const run = await runCase(socket, c);
        latencies.push(...run.latencies);
        const raised = [...new Set(run.raised)];
        expected += c.expect.length;
        correct += c.expect.filter((rule) => raised.includes(rule)).length;
        falseAlarms += raised.filter((rule) => !c.expect.includes(rule)).length;
        perCase.push({ prompt: c.prompt, expected: c.expect, raised });
      }
    }
  } finally {
    socket.close();
  }
  return { expected, raisedCorrectly: correct, missed: expected - correct, falseAlarms, triggerToSuggestionMs: summarize(latencies), perCase };
}

async function runCase(socket: Sock, c: Case): Promise<{ raised: string[]; latencies: number[] }> {
  let taskId = '';
  let trigger = 0;
  const raised: string[] = [];
  const latencies: number[] = [];
  let turnEnded = 0;
  const onTask = (t: TaskInfo): void => {
    if (t.id !== taskId) return;
    const now = performance.now();
    if (t.state === 'idle' && trigger === 0) {
      trigger = now;
      turnEnded = now;
    }
    if (t.state === 'waiting' && trigger === 0) trigger = now + BENCH_WAIT_SECONDS * 1000;
  };
  const onSuggestion = (s: Suggestion): void => {
    if (s.taskId !== taskId || s.state !== 'open' || raised.includes(s.rule)) return;
    raised.push(s.rule);
    if (trigger > 0) latencies.push(Math.max(0, performance.now() - trigger));
  };
  socket.on('task:updated', onTask);
  socket.on('suggestion:updated', onSuggestion);
  try {
    const created = await new Promise<Result<TaskCreated>>((r) =>
      socket.emit('task:create', { prompt: c.prompt, agent: 'claude', permissionMode: c.permissionMode ?? 'acceptEdits', ...(c.check === undefined ? {} : { check: c.check }), name: `steer ${c.prompt}` }, r),
    );
    if (!created.ok) throw new Error(created.error.message);
    taskId = created.value.id;
    const deadline = performance.now() + 60_000;
    // Wait for the trigger, then a settling window for late (wrong) suggestions.
    while (performance.now() < deadline && (trigger === 0 || performance.now() < Math.max(trigger, turnEnded) + 4000)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    return { raised, latencies };
  } finally {
    socket.off('task:updated', onTask);
    socket.off('suggestion:updated', onSuggestion);
    if (taskId !== '') await new Promise((r) => socket.emit('task:remove', { id: taskId }, r));
  }
}
