import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentStatus, PromptReceipt } from '../../protocol/agent';
import type { SessionId } from '../../protocol/ids';
import { createInProcessSessionHost, type InProcessSessionHost } from '../sessions/in-process-host';
import { create, waitFor } from '../sessions/testing/host-harness';
import { shellAdapter } from './adapters/shell';
import { AgentRun } from './agent-run';

/**
 * A prompt being delivered is visible the whole time: queued until it is typed, then the
 * last receipt ("typed") until the agent takes it. In neither list, a task mid-delivery
 * looked settled (idle, nothing queued), and `axiom wait` returned before the turn began.
 * A real bash in a real PTY.
 */
let host: InProcessSessionHost;
let run: AgentRun | null = null;
beforeEach(() => {
  host = createInProcessSessionHost({ killGraceMs: 200, logger: { error: () => undefined } });
});
afterEach(async () => {
  run?.stop();
  run = null;
  await host.dispose();
});

describe('AgentRun delivery', () => {
  it('reports a prompt as queued, then typed, then submitted: never missing from both lists', async () => {
    const info = await create(host, 'bash', ['--norc', '--noprofile'], { env: { PS1: '$ ' } });
    const reports: Array<{ queue: PromptReceipt[]; receipts: PromptReceipt[] }> = [];
    let status: AgentStatus | null = null;
    run = new AgentRun({
      host,
      sessionId: info.id as SessionId,
      adapter: shellAdapter,
      pollMs: 50,
      onStatus: (s) => (status = s),
      onReceipts: (queue, receipts) => reports.push({ queue, receipts }),
    });
    run.start();
    await waitFor(() => status?.state === 'idle', 5000, 'idle shell');
    const receipt = await run.prompt('sleep 0.2', 'queue');
    expect(receipt.status).toBe('submitted');
    const ofPrompt = (r: { queue: PromptReceipt[]; receipts: PromptReceipt[] }) =>
      [...r.queue, ...r.receipts].filter((x) => x.id === receipt.id).map((x) => x.status);
    // Every report after the prompt came in shows it, exactly once.
    expect(reports.map(ofPrompt).every((s) => s.length === 1)).toBe(true);
    expect(reports.map((r) => ofPrompt(r)[0])).toEqual(expect.arrayContaining(['typed', 'submitted']));
    expect(reports.at(-1)!.receipts.at(-1)).toMatchObject({ id: receipt.id, status: 'submitted' });
  });
});
