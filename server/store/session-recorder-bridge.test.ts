import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionId } from '../../protocol/ids';
import { quietLogger } from '../logger';
import { createInProcessSessionHost } from '../sessions/in-process-host';
import { create, waitExited, waitFor } from '../sessions/testing/host-harness';
import { bridgeSessionsToStore, sessionTransition } from './session-recorder-bridge';
import { openStore } from './store';
import { sessionInfo } from './testing/fixtures';

describe('sessionTransition', () => {
  it('records creation, exit and restart, and nothing for other updates', () => {
    const running = sessionInfo('s-aaaaaa');
    const exited = sessionInfo('s-aaaaaa', { status: 'exited', exitCode: 3, exitedAt: 1_700_000_000_500 });
    expect(sessionTransition(undefined, running)).toMatchObject({ type: 'session.created', sessionId: 's-aaaaaa', data: { command: '/bin/bash' } });
    expect(sessionTransition('running', { ...running, cols: 120 })).toBeUndefined();
    expect(sessionTransition('running', exited)).toMatchObject({ type: 'session.exited', at: 1_700_000_000_500, data: { exitCode: 3 } });
    expect(sessionTransition('exited', exited)).toBeUndefined();
    expect(sessionTransition('exited', { ...running, generation: 2 })).toMatchObject({ type: 'session.restarted', data: { generation: 2 } });
  });
});

describe('bridgeSessionsToStore (real PTY sessions)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('stores each session and its lifecycle events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'axiom-bridge-'));
    const store = openStore({ dataDir: dir });
    const host = createInProcessSessionHost({ killGraceMs: 200 });
    const stop = bridgeSessionsToStore({ host, store, log: quietLogger });
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => store.close(), () => host.dispose(), stop);

    const info = await create(host, '/bin/sh', ['-c', 'exit 4']);
    await waitExited(host, info.id);
    await waitFor(() => store.getSession(info.id)?.status === 'exited', 5000, 'stored exit');
    expect(store.getSession(info.id)).toMatchObject({ id: info.id, exitCode: 4 });
    const restarted = await host.request({ type: 'restart', id: info.id });
    expect(restarted.ok).toBe(true);
    await waitExited(host, info.id);
    await waitFor(() => store.events({ sessionId: info.id }).length >= 4, 5000, 'second exit');
    await host.request({ type: 'remove', id: info.id as SessionId });
    expect(store.events({ sessionId: info.id }).map((e) => e.type)).toEqual([
      'session.created',
      'session.exited',
      'session.restarted',
      'session.exited',
      'session.removed',
    ]);
    expect(store.listSessions().map((s) => [s.id, s.generation])).toEqual([[info.id, 2]]);
  });
});
