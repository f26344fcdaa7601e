import { describe, expect, it } from 'vitest';
import type { AgentStatus } from '../../protocol/agent';
import { statusStep } from './task-status-step';

const status = (over: Partial<AgentStatus> = {}): AgentStatus => ({
  state: 'busy',
  signal: 'screen',
  since: 1,
  waiting: null,
  disagreement: null,
  lastLine: 'Thinking',
  exitCode: null,
  ...over,
});

describe('statusStep', () => {
  it('ignores statuses that arrive after the task ended', () => {
    expect(statusStep({ state: 'stopped', status: status() }, status({ state: 'idle' }))).toEqual({ kind: 'ignore' });
  });

  it('ends the task when the agent exited', () => {
    expect(statusStep({ state: 'busy', status: status() }, status({ state: 'exited', exitCode: 0 }))).toEqual({ kind: 'exited' });
  });

  it('treats a change of the last line alone as a line change', () => {
    expect(statusStep({ state: 'busy', status: status() }, status({ lastLine: 'Writing a.txt', since: 5 }))).toEqual({ kind: 'line' });
  });

  it('publishes a waiting question at once even in the same state', () => {
    const asked = status({ state: 'waiting', waiting: { kind: 'permission', question: 'Do you want to create a?', choices: [] } });
    const step = statusStep({ state: 'waiting', status: status({ state: 'waiting' }) }, asked);
    expect(step).toEqual({ kind: 'state', from: 'waiting', to: 'waiting', turnEnded: false });
  });

  it('marks the end of a turn when a working agent goes idle', () => {
    expect(statusStep({ state: 'busy', status: status() }, status({ state: 'idle' }))).toEqual({ kind: 'state', from: 'busy', to: 'idle', turnEnded: true });
    expect(statusStep({ state: 'waiting', status: status({ state: 'waiting' }) }, status({ state: 'idle' }))).toMatchObject({ turnEnded: true });
    expect(statusStep({ state: 'starting', status: null }, status({ state: 'idle' }))).toEqual({ kind: 'state', from: 'starting', to: 'idle', turnEnded: false });
  });
});
