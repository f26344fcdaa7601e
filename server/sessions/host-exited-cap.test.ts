import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionId } from '../../protocol/ids';
import { createInProcessSessionHost, MAX_EXITED_SESSIONS, type InProcessSessionHost } from './in-process-host';
import { create, unwrap, waitFor } from './testing/host-harness';

let host: InProcessSessionHost;
beforeEach(() => {
  host = createInProcessSessionHost({ logger: { error: () => undefined } });
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
    expect(removed).toEqual(ids.slice(0, 3));
    expect((await host.request({ type: 'get', id: ids[0] as SessionId })).ok).toBe(false);
  }, 60_000);
});
