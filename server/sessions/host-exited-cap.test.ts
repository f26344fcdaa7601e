import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionId } from '../../protocol/ids';
import { createInProcessSessionHost, MAX_EXITED_SESSIONS, type InProcessSessionHost } from './in-process-host';
import { liveSessionMembers } from '../pty/testing/session-members';
import { create, unwrap, waitExited, waitFor } from './testing/host-harness';

let host: InProcessSessionHost;
beforeEach(() => {
  host = createInProcessSessionHost({ killGraceMs: 200, logger: { error: () => undefined } });
});
afterEach(async () => {
  await host.dispose();
});

describe('session host: exited sessions are bounded', () => {
  it(`keeps the newest ${MAX_EXITED_SESSIONS} exited sessions and forgets older ones (with session:removed)`, async () => {
    const removed: SessionId[] = [];
    host.onEvent((e) => {
      if (e.type === 'session:removed') removed.push(e.id);
    });
    const ids: SessionId[] = [];
    for (let i = 0; i < MAX_EXITED_SESSIONS + 3; i++) {
      ids.push((await create(host, 'true')).id);
      // One at a time, so exit order is creation order.
      await waitFor(async () => unwrap(await host.request({ type: 'get', id: ids[i] as SessionId })).status === 'exited', 10_000, 'exit');
    }
    await create(host, 'sleep', ['5']);
    const left = unwrap(await host.request({ type: 'list' }));
    expect(left.filter((s) => s.status === 'exited')).toHaveLength(MAX_EXITED_SESSIONS);
    // Announced once each is torn down (its process tree swept), right after the create.
    // The three are torn down together, so they are announced in whatever order their
    // sweeps finish (seen: the third before the second); which ones is what counts.
    await waitFor(() => removed.length >= 3, 5000, 'session:removed');
    expect([...removed].sort()).toEqual(ids.slice(0, 3).sort());
    expect((await host.request({ type: 'get', id: ids[0] as SessionId })).ok).toBe(false);
  }, 60_000);

  it('a forgotten exited session is cleaned up as a removed one: its stragglers are killed', async () => {
    // The shell exits at once; its background sleep ignores SIGHUP (inherited) and holds no
    // pty fd, so it outlives the exit in the session's process group.
    const leaky = await create(host, 'bash', ['-c', 'trap "" HUP; sleep 1000 </dev/null >/dev/null 2>&1 & exit 0']);
    await waitExited(host, leaky.id);
    const sid = leaky.pid as number;
    await waitFor(() => liveSessionMembers(sid).length === 1, 5000, 'the straggler');
    // The cap is applied at create: the last one finds MAX_EXITED_SESSIONS + 1 exited.
    for (let i = 0; i <= MAX_EXITED_SESSIONS; i++) await waitExited(host, (await create(host, 'true')).id);
    expect((await host.request({ type: 'get', id: leaky.id })).ok).toBe(false);
    await waitFor(() => liveSessionMembers(sid).length === 0, 5000, 'the straggler to be killed');
  }, 60_000);
});
