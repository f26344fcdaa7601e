import { closeSync, openSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveSessionMembers } from '../pty/testing/session-members';
import { createInProcessSessionHost, type InProcessSessionHost } from './in-process-host';
import { TestViewer, create, unwrap, waitExited, waitFor } from './testing/host-harness';

let host: InProcessSessionHost;

beforeEach(() => {
  host = createInProcessSessionHost({ killGraceMs: 400, logger: { error: () => undefined } });
});
afterEach(async () => {
  await host.dispose();
});

const members = liveSessionMembers;

describe('session host: process trees and descriptors', () => {
  it("kill leaves nothing of `bash -c 'sleep 1000 & sleep 1000'` alive", async () => {
    const info = await create(host, 'bash', ['-c', 'sleep 1000 & sleep 1000']);
    const pid = info.pid as number;
    await waitFor(() => members(pid).length >= 3, 5000, 'tree');
    const killed = unwrap(await host.request({ type: 'kill', id: info.id }));
    expect(killed).toMatchObject({ status: 'exited', signal: 'SIGHUP', exitCode: null });
    expect(members(pid)).toEqual([]);
  });

  it('kill leaves nothing of an interactive bash running a foreground sleep alive', async () => {
    const info = await create(host, 'bash', ['--norc', '--noprofile', '-i']);
    const pid = info.pid as number;
    unwrap(await host.request({ type: 'input', id: info.id, data: 'sleep 1000\r' }));
    await waitFor(() => members(pid).some((p) => p.pgrp !== pid), 5000, 'foreground job');
    unwrap(await host.request({ type: 'kill', id: info.id }));
    expect(members(pid)).toEqual([]);
  });

  it('SIGKILLs a tree that ignores SIGHUP once the grace time is over', async () => {
    const info = await create(host, 'bash', ['-c', 'trap "" HUP; sleep 1000; echo never']);
    const pid = info.pid as number;
    await waitFor(() => members(pid).length >= 2, 5000, 'tree');
    const t0 = Date.now();
    const killed = unwrap(await host.request({ type: 'kill', id: info.id }));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
    expect(killed).toMatchObject({ exitCode: null, signal: 'SIGKILL' });
    expect(members(pid)).toEqual([]);
  });

  it('dispose kills every session', async () => {
    const a = await create(host, 'bash', ['-c', 'sleep 1000 & sleep 1000']);
    const b = await create(host, 'bash', ['-c', 'trap "" HUP; sleep 1000; echo never']);
    await waitFor(() => members(a.pid as number).length >= 3 && members(b.pid as number).length >= 2, 5000, 'trees');
    await host.dispose();
    expect(members(a.pid as number)).toEqual([]);
    expect(members(b.pid as number)).toEqual([]);
  });

  it('a child inherits no pty master, no other pty and no socket', async () => {
    // A gap in the descriptor table below another session's pty master, as a long-running
    // host has once sessions came and went: node-pty's fallback (no close_range) stopped
    // marking descriptors close-on-exec at the first gap above 15, and the master leaked.
    const filler = Array.from({ length: 24 }, () => openSync('/dev/null', 'r'));
    const a = await create(host, 'sleep', ['1000']);
    closeSync(filler.splice(20, 1)[0]!);
    const b = await create(host, 'ls', ['-l', '--color=never', '/proc/self/fd'], { cols: 200 });
    await waitExited(host, b.id);
    const viewer = new TestViewer(host, b.id, 'v');
    await viewer.attach(0);
    await waitFor(() => viewer.text().includes('->'), 5000, 'listing');
    const targets = viewer
      .text()
      .split(/\r?\n/)
      .map((l) => /\d+ -> (.*)$/.exec(l)?.[1])
      .filter((t): t is string => t !== undefined);
    expect(targets.length).toBeGreaterThanOrEqual(3);
    // On a failure, the whole listing: which descriptor leaked, and its number.
    expect(targets.filter((t) => t.includes('ptmx')), viewer.text()).toEqual([]);
    expect(targets.filter((t) => t.startsWith('socket:')), viewer.text()).toEqual([]);
    const ptys = new Set(targets.filter((t) => t.startsWith('/dev/pts/')));
    expect(ptys.size).toBe(1);
    expect(targets.filter((t) => t === '/dev/null').length, viewer.text()).toBeLessThanOrEqual(1);
    expect(a.pid).not.toBeNull();
    for (const fd of filler) closeSync(fd);
  });
});
