import { afterEach, describe, expect, it } from 'vitest';
import { parseSessionId } from '../../protocol/ids';
import { MirrorWorkerClient } from './mirror-worker-client';
import { Session } from './session';
import { DEFAULT_SESSION_LIMITS } from './session-options';
import { waitFor } from './testing/host-harness';

/**
 * An exited session released its ring for its final screen (host-exit-release.test.ts);
 * a mirror worker crash after that still rebuilds the screen, from the kept copy.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('session: the final screen outlives a mirror worker crash after the ring was released', () => {
  it('rebuilds the exact final screen from the kept copy', async () => {
    const client = new MirrorWorkerClient({ logError: () => undefined });
    client.start();
    cleanups.push(() => client.dispose());
    const id = parseSessionId('s-exitrebuild01');
    if (id === undefined) throw new Error('a session id expected');
    const session = new Session({
      id,
      request: { command: 'sh', args: ['-c', 'seq 1 200000; echo "the final line"'], cols: 80, rows: 24, cwd: process.cwd(), interruptKey: 'ctrl-c' },
      limits: DEFAULT_SESSION_LIMITS,
      mirrorWorker: client,
      emit: () => undefined,
      now: Date.now,
      logError: () => undefined,
    });
    cleanups.push(() => session.dispose());
    await waitFor(() => !session.isLive, 10_000, 'the exit');
    await waitFor(() => session.streamState().ringStartSeq === session.streamState().emittedSeq, 5000, 'the ring released');
    const before = (await session.screen()).text;
    expect(before).toContain('the final line');

    await client.crashWorkerForTest();
    let after = '';
    await waitFor(async () => {
      after = await session.screen().then((s) => s.text, () => '');
      return after !== '';
    }, 5000, 'the rebuilt mirror');
    expect(after).toBe(before);
    // The rebuilt mirror ends at the same offset: nothing would hold a restarted PTY back.
    await waitFor(() => session.streamState().mirrorParsedSeq === session.streamState().emittedSeq, 5000, 'the parsed offset');
  }, 30_000);
});
