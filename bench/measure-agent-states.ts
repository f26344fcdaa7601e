import type { AgentState } from '../protocol/agent';
import { asBytes, decodeOutputBatch } from '../protocol/output-batch';
import type { Result } from '../protocol/result';
import type { TaskCreated, TaskInfo } from '../protocol/task';
import { connectSocket, type BenchSocket } from './lib/socket-client';
import { summarize, type Summary } from './lib/stats';

/**
 * State detection for real Claude Code instances (the console's own scripted model): for
 * scripted scenarios with known state sequences, how many state changes a viewer saw, and
 * how late. "The CLI changed state" is the moment the first output bytes showing the new
 * state reach the viewer (a spinner title for busy, the ✳ title for idle, the permission
 * question for waiting); "the UI shows it" is the moment task:updated with that state
 * reaches the same viewer socket (the dashboard renders it in the next frame). A hook can
 * beat the screen, so a latency may be 0.
 */
type Sock = BenchSocket;

interface Scenario {
  name: string;
  prompt: string;
  permissionMode: 'default' | 'acceptEdits';
  /** After the first busy: what the bench does (approve, interrupt), and the states expected. */
  expected: AgentState[];
  act?: 'approve' | 'interrupt';
}

const SCENARIOS: Scenario[] = [
  { name: 'short turn', prompt: 'say hello', permissionMode: 'acceptEdits', expected: ['busy', 'idle'] },
  { name: 'thinking turn', prompt: 'think:2', permissionMode: 'acceptEdits', expected: ['busy', 'idle'] },
  { name: 'permission prompt', prompt: 'please write:bench.txt', permissionMode: 'default', expected: ['busy', 'waiting', 'busy', 'idle'], act: 'approve' },
  { name: 'interrupted turn', prompt: 'slow', permissionMode: 'acceptEdits', expected: ['busy', 'idle'], act: 'interrupt' },
];

const MARKERS: Record<'busy' | 'idle' | 'waiting', RegExp> = {
  busy: /\x1b\]0;[⠀-⣿]/u,
  idle: /\x1b\]0;✳/u,
  waiting: /Do you want to/,
};

export interface AgentStatesResult {
  transitionsExpected: number;
  transitionsSeen: number;
  transitionsMissed: number;
  spurious: number;
  detectionMs: Summary;
  spawnToFirstOutputMs: Summary;
  perScenario: Array<{ name: string; expected: AgentState[]; seen: AgentState[] }>;
}

export async function measureAgentStates(url: string, token: string, rounds: number): Promise<AgentStatesResult> {
  const socket = await connectSocket(url, token);
  const latencies: number[] = [];
  const spawn: number[] = [];
  const perScenario: AgentStatesResult['perScenario'] = [];
  let expected = 0;
  let seen = 0;
  let spurious = 0;
  try {
    for (let r = 0; r < rounds; r++) {
      for (const sc of SCENARIOS) {
        const run = await runScenario(socket, sc);
        latencies.push(...run.latencies);
        spawn.push(run.spawnMs);
        const matched = matchSequence(sc.expected, run.states);
        expected += sc.expected.length;
        seen += matched;
        spurious += Math.max(0, run.states.length - matched);
        perScenario.push({ name: sc.name, expected: sc.expected, seen: run.states });
      }
    }
  } finally {
    socket.close();
  }
  return {
    transitionsExpected: expected,
    transitionsSeen: seen,
    transitionsMissed: expected - seen,
    spurious,
    detectionMs: summarize(latencies),
    spawnToFirstOutputMs: summarize(spawn),
    perScenario,
  };
}

/** How many of the expected states appear, in order, in what was seen. */
function matchSequence(expected: readonly AgentState[], seen: readonly AgentState[]): number {
  let i = 0;
  for (const s of seen) if (i < expected.length && s === expected[i]) i++;
  return i;
}

async function runScenario(socket: Sock, sc: Scenario): Promise<{ states: AgentState[]; latencies: number[]; spawnMs: number }> {
  const states: AgentState[] = [];
  const latencies: number[] = [];
  const markerAt: Partial<Record<AgentState, number>> = {};
  let taskId = '';
  let sessionId = '';
  let firstOutputAt = 0;
  let text = '';
  const onBatch = (batch: Uint8Array | ArrayBuffer): void => {
    const now = performance.now();
    decodeOutputBatch(asBytes(batch), (id, _seq, data) => {
      if (id !== sessionId) return;
      if (firstOutputAt === 0) firstOutputAt = now;
      text = (text + new TextDecoder().decode(data)).slice(-4096);
      for (const state of ['busy', 'idle', 'waiting'] as const) {
        if (MARKERS[state].test(text) && markerAt[state] === undefined) markerAt[state] = now;
      }
      // Markers count from the latest state change on: keep only the tail after one.
      if (Object.keys(markerAt).length > 0) text = text.slice(-64);
    });
  };
  let resolveState: ((s: AgentState) => void) | null = null;
  const onTask = (t: TaskInfo): void => {
    if (t.id !== taskId || t.status === null) return;
    const s = t.status.state;
    if (s === 'starting' || s === states.at(-1)) return;
    const now = performance.now();
    states.push(s);
    const m = markerAt[s];
    if (m !== undefined) latencies.push(Math.max(0, now - m));
    for (const k of Object.keys(markerAt)) delete markerAt[k as AgentState];
    resolveState?.(s);
  };
  const next = (want: AgentState, timeoutMs: number): Promise<void> =>
    new Promise((resolve, reject) => {
      if (states.at(-1) === want) return resolve();
      const timer = setTimeout(() => reject(new Error(`${sc.name}: no ${want} within ${timeoutMs} ms (seen ${states.join(',')})`)), timeoutMs);
      resolveState = (s) => {
        if (s === want) {
          clearTimeout(timer);
          resolve();
        }
      };
    });
  socket.on('pty:output-batch', onBatch);
  socket.on('task:updated', onTask);
  const t0 = performance.now();
  try {
    const created = await new Promise<Result<TaskCreated>>((r) => socket.emit('task:create', { prompt: sc.prompt, agent: 'claude', permissionMode: sc.permissionMode, name: `bench ${sc.name}` }, r));
    if (!created.ok || created.value.sessionId === null) throw new Error(`spawn failed: ${JSON.stringify(created)}`);
    taskId = created.value.id;
    sessionId = created.value.sessionId;
    await new Promise((r) => socket.emit('session:attach', { id: sessionId }, r));
    await next('busy', 60_000);
    if (sc.act === 'approve') {
      await next('waiting', 30_000);
      await new Promise((r) => socket.emit('task:approve', { id: taskId, choice: 'yes' }, r));
    }
    if (sc.act === 'interrupt') {
      await new Promise((r) => setTimeout(r, 2500));
      await new Promise((r) => socket.emit('task:interrupt', { id: taskId }, r));
    }
    await next('idle', 60_000).catch(() => undefined);
    return { states, latencies, spawnMs: firstOutputAt - t0 };
  } finally {
    socket.off('pty:output-batch', onBatch);
    socket.off('task:updated', onTask);
    if (taskId !== '') await new Promise((r) => socket.emit('task:remove', { id: taskId }, r));
  }
}
