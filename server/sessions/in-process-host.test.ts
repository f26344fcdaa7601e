import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionId } from '../../protocol/ids';
import { createInProcessSessionHost } from './in-process-host';
import type { HostEvent, HostRequest, SessionHost } from './session-host';
import { TestViewer, create, screenText, unwrap, waitExited, waitFor } from './testing/host-harness';

let host: SessionHost;
let events: HostEvent[];
let logged: unknown[];

beforeEach(() => {
  logged = [];
  host = createInProcessSessionHost({ killGraceMs: 500, maxSessions: 4, logger: { error: (...d: unknown[]) => logged.push(d) } });
  events = [];
  host.onEvent((e) => events.push(e));
});

afterEach(async () => {
  await host.dispose();
});

describe('in-process session host: requests', () => {
  it('round-trips an echo through an interactive shell to a viewer and the screen', async () => {
    const info = await create(host, 'bash', ['--norc', '--noprofile', '-i'], { env: { PS1: '$ ' } });
    expect(info.status).toBe('running');
    expect(info.interruptKey).toBe('ctrl-c');
    const viewer = new TestViewer(host, info.id, 'v1');
    expect(await viewer.attach()).toBe('snapshot');
    unwrap(await host.request({ type: 'input', id: info.id, data: 'echo hi-$((40+2))\r' }));
    await waitFor(() => viewer.text().includes('hi-42'), 5000, 'echo');
    expect(viewer.snapshots).toHaveLength(1);
    await waitFor(async () => (await screenText(host, info.id)).includes('hi-42'));
  });

  it('reports exit codes and signals, and refuses input after exit', async () => {
    const a = await create(host, 'bash', ['-c', 'exit 3']);
    const exitedA = await waitExited(host, a.id);
    expect(exitedA).toMatchObject({ status: 'exited', exitCode: 3, signal: null });
    expect(exitedA.exitedAt).not.toBeNull();
    const b = await create(host, 'bash', ['-c', 'kill -KILL $$']);
    expect(await waitExited(host, b.id)).toMatchObject({ exitCode: null, signal: 'SIGKILL' });
    const r = await host.request({ type: 'input', id: a.id, data: 'x' });
    expect(r.ok ? null : r.error.code).toBe('refused:session-exited');
    expect(events.some((e) => e.type === 'session:updated' && e.info.id === a.id && e.info.status === 'exited')).toBe(true);
  });

  it('answers unknown ids, bad commands, the session limit and bad sizes with typed errors', async () => {
    const ghost = 's-doesnotexist' as SessionId;
    const nf = await host.request({ type: 'get', id: ghost });
    expect(nf.ok ? null : nf.error.code).toBe('not_found:session');
    const bad = await host.request({ type: 'create', input: { command: 'no-such-command-xyz', args: [], cols: 80, rows: 24 } });
    expect(bad.ok ? null : bad.error).toEqual({ code: 'failed:spawn', message: 'command not found: no-such-command-xyz' });
    const badCwd = await host.request({ type: 'create', input: { command: 'true', args: [], cols: 80, rows: 24, cwd: '/no/such/dir' } });
    expect(badCwd.ok ? null : badCwd.error.code).toBe('failed:spawn');
    const ids: SessionId[] = [];
    for (let i = 0; i < 4; i++) ids.push((await create(host, 'sleep', ['1000'])).id);
    const over = await host.request({ type: 'create', input: { command: 'sleep', args: ['1'], cols: 80, rows: 24 } });
    expect(over.ok ? null : over.error.code).toBe('refused:session-limit');
    expect(unwrap(await host.request({ type: 'stats' }))).toEqual({ active: 4, total: 4, limit: 4 });
    const first = ids[0] as SessionId;
    const size = await host.request({ type: 'resize', id: first, cols: 0, rows: 10 });
    expect(size.ok ? null : size.error.code).toBe('invalid:payload');
    // Acks out of range are ignored, not errors.
    expect((await host.request({ type: 'ack', id: first, viewerId: 'nobody', seq: 99 })).ok).toBe(true);
  });

  it('answers a request it does not know with invalid:payload (a newer console, an older host)', async () => {
    const r = await host.request({ type: 'no-such-request' } as unknown as HostRequest);
    expect(r.ok ? null : r.error.code).toBe('invalid:payload');
    expect(logged).toHaveLength(0);
  });

  it('turns an exception inside a request into failed:internal and logs the detail', async () => {
    const r = await host.request({ type: 'create', input: null } as unknown as HostRequest);
    expect(r.ok ? null : r.error.code).toBe('failed:internal');
    expect(logged).toHaveLength(1);
  });

  it('resizes the PTY and the mirror and emits session:updated', async () => {
    const info = await create(host, 'bash', ['--norc', '--noprofile', '-i'], { env: { PS1: '$ ' } });
    const resized = unwrap(await host.request({ type: 'resize', id: info.id, cols: 123, rows: 37, viewerId: 'v1' }));
    expect(resized).toMatchObject({ cols: 123, rows: 37 });
    expect(events.some((e) => e.type === 'session:updated' && e.info.cols === 123)).toBe(true);
    unwrap(await host.request({ type: 'input', id: info.id, data: 'stty size\r' }));
    await waitFor(async () => (await screenText(host, info.id)).includes('37 123'), 5000, 'stty size');
    expect(unwrap(await host.request({ type: 'screen', id: info.id }))).toMatchObject({ cols: 123, rows: 37 });
  });

  it('keeps multi-byte UTF-8 split across reads intact in the mirror', async () => {
    // Each byte of 'é漢字🙂' written separately with a pause, so reads split characters.
    const script = "for b in c3 a9 e6 bc a2 e5 ad 97 f0 9f 99 82; do printf \"\\\\x$b\"; sleep 0.02; done; echo; sleep 5";
    const info = await create(host, 'bash', ['-c', script]);
    await waitFor(async () => (await screenText(host, info.id)).includes('é漢字🙂'), 5000, 'utf-8 text');
  });

  it('shows the alternate screen in screen() and in a snapshot', async () => {
    const info = await create(host, 'bash', ['-c', "printf '\\033[?1049h\\033[HALT-SCREEN'; sleep 5"]);
    await waitFor(async () => unwrap(await host.request({ type: 'screen', id: info.id })).alternate, 5000, 'alt screen');
    expect(await screenText(host, info.id)).toContain('ALT-SCREEN');
    const viewer = new TestViewer(host, info.id, 'v1');
    expect(await viewer.attach()).toBe('snapshot');
    await waitFor(() => viewer.snapshots.length === 1);
    const snap = viewer.snapshots[0];
    expect(snap?.data).toContain('\x1b[?1049h');
    expect(snap?.data).toContain('ALT-SCREEN');
    expect(snap).toMatchObject({ id: info.id, cols: 80, rows: 24 });
  });

  it('injects text then Enter, interrupts with the session key, and restarts with continuing seqs', async () => {
    const info = await create(host, 'bash', ['--norc', '--noprofile', '-i'], { env: { PS1: '$ ' } });
    const viewer = new TestViewer(host, info.id, 'v1');
    await viewer.attach(0);
    unwrap(await host.request({ type: 'inject', id: info.id, text: 'echo injected-$((1+1))', submit: true }));
    await waitFor(() => viewer.text().includes('injected-2'), 5000, 'inject');
    unwrap(await host.request({ type: 'input', id: info.id, data: 'sleep 1000\r' }));
    await new Promise((r) => setTimeout(r, 200));
    expect(unwrap(await host.request({ type: 'interrupt', id: info.id }))).toEqual({ key: 'ctrl-c' });
    unwrap(await host.request({ type: 'input', id: info.id, data: 'echo after-$((2+3))\r' }));
    await waitFor(() => viewer.text().includes('after-5'), 5000, 'after interrupt');
    const before = viewer.nextSeq ?? 0;
    const restarted = unwrap(await host.request({ type: 'restart', id: info.id }));
    expect(restarted).toMatchObject({ id: info.id, generation: 2, status: 'running' });
    expect(restarted.pid).not.toBe(info.pid);
    await waitFor(() => viewer.text().includes('restarted (generation 2)'), 5000, 'marker');
    expect(viewer.nextSeq ?? 0).toBeGreaterThan(before);
    unwrap(await host.request({ type: 'input', id: info.id, data: 'echo gen2-$((3+4))\r' }));
    await waitFor(() => viewer.text().includes('gen2-7'), 5000, 'new shell');
  });

  it('removes a running session and emits session:removed', async () => {
    const info = await create(host, 'sleep', ['1000']);
    unwrap(await host.request({ type: 'remove', id: info.id }));
    expect(events.some((e) => e.type === 'session:removed' && e.id === info.id)).toBe(true);
    expect(unwrap(await host.request({ type: 'list' }))).toEqual([]);
  });

  it('keeps the final screen of a killed session viewable', async () => {
    const info = await create(host, 'bash', ['-c', 'echo last-words; sleep 1000']);
    await waitFor(async () => (await screenText(host, info.id)).includes('last-words'));
    const killed = unwrap(await host.request({ type: 'kill', id: info.id }));
    expect(killed).toMatchObject({ status: 'exited', exitCode: null, signal: 'SIGHUP' });
    expect(await screenText(host, info.id)).toContain('last-words');
    const viewer = new TestViewer(host, info.id, 'late');
    expect(await viewer.attach(0)).toBe('replay');
    await waitFor(() => viewer.text().includes('last-words'));
  });
});
