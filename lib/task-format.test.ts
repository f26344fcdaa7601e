import { describe, expect, it } from 'vitest';
import { disagreementText, findReceipt, formatElapsed, lastReceipt, stateSummary, taskElapsedMs } from './task-format';
import { agentStatus, taskInfo } from './testing/task-fixture';
import type { PromptReceipt } from '../protocol/agent';

const receipt = (id: string, status: PromptReceipt['status']): PromptReceipt => ({
  id, text: id, mode: 'queue', status, enters: 1, at: 0, reason: null,
});

describe('task-format', () => {
  it('formats elapsed time compactly', () => {
    expect(formatElapsed(-5)).toBe('0s');
    expect(formatElapsed(7_900)).toBe('7s');
    expect(formatElapsed(185_000)).toBe('3m 05s');
    expect(formatElapsed(2 * 3_600_000 + 4 * 60_000)).toBe('2h 04m');
  });

  it('measures run time from start to end, or to now', () => {
    expect(taskElapsedMs({ createdAt: 0, startedAt: 1_000, endedAt: null }, 5_000)).toBe(4_000);
    expect(taskElapsedMs({ createdAt: 0, startedAt: 1_000, endedAt: 3_000 }, 9_000)).toBe(2_000);
    expect(taskElapsedMs({ createdAt: 500, startedAt: null, endedAt: null }, 1_500)).toBe(1_000);
  });

  it('names disagreeing signals', () => {
    const status = agentStatus({
      disagreement: { since: 0, signals: [{ signal: 'hook', state: 'busy' }, { signal: 'screen', state: 'idle' }] },
    });
    expect(disagreementText(status)).toBe('Signals disagree: hook says busy, screen says idle');
    expect(disagreementText(agentStatus())).toBeNull();
    expect(disagreementText(null)).toBeNull();
  });

  it('follows a receipt from the queue to the delivered list', () => {
    const queued = taskInfo('t-aaaaaa', { queue: [receipt('r1', 'queued')] });
    const delivered = taskInfo('t-aaaaaa', { receipts: [receipt('r0', 'submitted'), receipt('r1', 'submitted')] });
    expect(findReceipt(queued, 'r1')?.status).toBe('queued');
    expect(findReceipt(delivered, 'r1')?.status).toBe('submitted');
    expect(findReceipt(delivered, 'r9')).toBeNull();
    expect(lastReceipt(delivered)?.id).toBe('r1');
    expect(lastReceipt(queued)?.id).toBe('r1');
    expect(lastReceipt(taskInfo('t-bbbbbb'))).toBeNull();
  });

  it('summarises a state in words', () => {
    expect(stateSummary(taskInfo('t-aaaaaa', { state: 'queued', queuePosition: 0 }))).toBe('queued (#1)');
    expect(stateSummary(taskInfo('t-aaaaaa', { state: 'exited', status: agentStatus({ exitCode: 2 }) }))).toBe('exited with code 2');
    expect(stateSummary(taskInfo('t-aaaaaa', { state: 'failed', error: { code: 'failed:spawn', message: 'no such agent' } }))).toBe('no such agent');
  });
});
