import { io as connect, type Socket } from 'socket.io-client';
import { consoleSocketOptions } from '../../protocol/socket-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AttachReply, ClientToServerEvents, ServerToClientEvents } from '../../protocol/events';
import { LIMITS } from '../../protocol/limits';
import type { Result } from '../../protocol/result';
import type { SessionInfo } from '../../protocol/session';
import { asBytes, decodeOutputBatch } from '../../protocol/output-batch';
import { DEFAULT_SESSION_LIMITS } from '../sessions/session-options';
import { rawRequest, startTestConsole, TEST_TOKEN, type TestConsole } from './test-console';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let c: TestConsole;
const opened: ClientSocket[] = [];
beforeAll(async () => {
  c = await startTestConsole();
});
afterEach(() => {
  for (const s of opened.splice(0)) s.disconnect();
});
afterAll(async () => {
  await c.stop();
});

function open(headers: Record<string, string>): ClientSocket {
  const socket: ClientSocket = connect(c.origin, {
    ...consoleSocketOptions(),
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
  opened.push(socket);
  return socket;
}

function outcome(socket: ClientSocket): Promise<'connected' | string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve(`refused: ${error.message}`));
  });
}

const bearer = { authorization: `Bearer ${TEST_TOKEN}` };

/** Emits anything: the typed event map is bypassed on purpose, to send what a hostile client would. */
function rawEmit(socket: ClientSocket, event: string, ...args: unknown[]): void {
  (socket.emit as (ev: string, ...rest: unknown[]) => void).call(socket, event, ...args);
}

/** Emits with an ack and resolves with the Result. */
function call<T>(socket: ClientSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<Result<T>> {
  return new Promise((resolve) => rawEmit(socket, event, payload, (r: Result<T>) => resolve(r)));
}

describe('socket.io (real server, real PTYs)', () => {
  it('refuses a foreign Origin, accepts the console Origin with the cookie, and Bearer without Origin', async () => {
    expect(await outcome(open({ origin: 'http://evil.example', cookie: `axiom_token=${TEST_TOKEN}` }))).toMatch(/^refused/);
    expect(await outcome(open({ cookie: `axiom_token=${TEST_TOKEN}` }))).toMatch(/^refused/);
    expect(await outcome(open({ origin: c.origin }))).toMatch(/^refused/);
    expect(await outcome(open({ origin: c.origin, cookie: `axiom_token=${TEST_TOKEN}` }))).toBe('connected');
    expect(await outcome(open(bearer))).toBe('connected');
    expect(await outcome(open({ authorization: 'Bearer wrong' }))).toMatch(/^refused/);
  });

  it('refuses a foreign Host on the handshake (DNS rebinding)', async () => {
    const res = await rawRequest({
      port: c.port,
      path: '/socket.io/?EIO=4&transport=polling',
      headers: { host: `evil.example:${c.port}`, ...bearer },
    });
    expect(res.status).toBe(403);
  });

  it('creates, attaches, streams output as binary frames and takes input', async () => {
    const socket = open(bearer);
    expect(await outcome(socket)).toBe('connected');
    const updates: SessionInfo[] = [];
    socket.on('session:updated', (info) => updates.push(info));
    const created = await call<SessionInfo>(socket, 'session:create', { command: 'bash', args: ['--norc', '--noprofile'] });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;

    let text = '';
    const decoder = new TextDecoder();
    let nextSeq = -1;
    socket.on('pty:snapshot', (snap) => {
      nextSeq = snap.seq;
      text += snap.data;
    });
    socket.on('pty:output-batch', (batch) =>
      decodeOutputBatch(asBytes(batch), (sid, seq, data) => {
        expect(sid).toBe(id);
        if (nextSeq >= 0) expect(seq).toBe(nextSeq);
        nextSeq = seq + data.byteLength;
        text += decoder.decode(data, { stream: true });
        socket.emit('pty:ack', { id, seq: nextSeq });
      }),
    );
    const attached = await call<AttachReply>(socket, 'session:attach', { id });
    expect(attached.ok).toBe(true);
    const input = await call<null>(socket, 'pty:input', { id, data: 'echo hel""lo\r' });
    expect(input).toEqual({ ok: true, value: null });
    await expect.poll(() => /hello/.test(text), { timeout: 10_000 }).toBe(true);
    // As a browser types: no ack, so the host is not asked for a reply.
    socket.emit('pty:input', { id, data: 'echo un""acked\r' });
    await expect.poll(() => /unacked/.test(text), { timeout: 10_000 }).toBe(true);
    expect(updates.some((u) => u.id === id)).toBe(true);

    const removed = new Promise<string>((resolve) => socket.on('session:removed', (p) => resolve(p.id)));
    expect((await call<null>(socket, 'session:remove', { id })).ok).toBe(true);
    expect(await removed).toBe(id);
  });

  it('refuses an inject past the limit with a typed error that says where longer text goes; the session keeps taking input', async () => {
    const socket = open(bearer);
    expect(await outcome(socket)).toBe('connected');
    const created = await call<SessionInfo>(socket, 'session:create', { command: 'cat' });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;
    const tooLong = await call<null>(socket, 'session:inject', { id, text: 'x'.repeat(LIMITS.maxInputBytes + 1) });
    expect(tooLong.ok).toBe(false);
    if (tooLong.ok) return;
    expect(tooLong.error.code).toBe('invalid:payload');
    expect(tooLong.error.message).toMatch(/at most 65,536 characters at once; paste longer text into the terminal/);
    expect(await call<null>(socket, 'session:inject', { id, text: 'x'.repeat(LIMITS.maxInputBytes) })).toEqual({ ok: true, value: null });
    expect((await call<null>(socket, 'session:remove', { id })).ok).toBe(true);
  });

  it('holds a background pane to the smaller window: pty:priority reaches the session layer', async () => {
    const socket = open(bearer);
    expect(await outcome(socket)).toBe('connected');
    const created = await call<SessionInfo>(socket, 'session:create', {
      command: 'bash',
      args: ['-c', 'stty -echo; read x; exec yes flood-0123456789-abcdefghijklmnopqrstuvwxyz'],
    });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;
    let received = 0;
    // A viewer that never acks: what it holds is exactly its window.
    socket.on('pty:output-batch', (batch) => decodeOutputBatch(asBytes(batch), (_sid, _seq, data) => { received += data.byteLength; }));
    expect((await call<AttachReply>(socket, 'session:attach', { id })).ok).toBe(true);
    socket.emit('pty:priority', { id, priority: 'background' });
    expect((await call<null>(socket, 'pty:input', { id, data: '\r' })).ok).toBe(true);
    await expect.poll(() => received, { timeout: 10_000 }).toBe(DEFAULT_SESSION_LIMITS.backgroundWindowBytes);
    socket.emit('pty:priority', { id, priority: 'interactive' });
    await expect.poll(() => received, { timeout: 10_000 }).toBe(DEFAULT_SESSION_LIMITS.windowBytes);
    expect((await call<null>(socket, 'session:remove', { id })).ok).toBe(true);
  });

  it('survives a thousand malformed messages; the flooding socket is cut, a fresh client works', async () => {
    const bad: Array<[string, unknown]> = [
      ['session:create', { command: 42 }],
      ['session:create', 'bash'],
      ['pty:input', { id: 's-abcdef' }],
      ['pty:input', { id: 's-doesnotexist1', data: 'x' }],
      ['pty:input', null],
      ['session:resize', { id: 's-abcdef', cols: 'wide', rows: -1 }],
      ['session:attach', [1, 2, 3]],
      ['session:attach', { id: '../../etc/passwd' }],
      ['pty:ack', { id: 's-abcdef', seq: -5 }],
      ['session:inject', { id: 's-abcdef', text: 5, extra: true }],
      ['session:kill', 12345],
      ['no:such-event', { x: 1 }],
    ];
    let sent = 0;
    let cut = 0;
    let invalidReplies = 0;
    while (sent < 1000) {
      const socket = open(bearer);
      expect(await outcome(socket)).toBe('connected');
      const gone = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
      const acks: Promise<void>[] = [];
      for (let i = 0; i < 120 && sent < 1000; i += 1, sent += 1) {
        const [event, payload] = bad[sent % bad.length] ?? ['x', null];
        if (sent % 2 === 0) {
          rawEmit(socket, event, payload);
        } else {
          acks.push(
            new Promise((resolve) => {
              // Messages behind the cut are never answered: stop waiting once the socket is gone.
              void gone.then(() => resolve());
              rawEmit(socket, event, payload, (r: Result<unknown>) => {
                if (!r.ok && r.error.code === 'invalid:payload') invalidReplies += 1;
                resolve();
              });
            }),
          );
        }
      }
      const reason = await Promise.race([gone, Promise.all(acks).then(() => 'answered')]);
      if (reason === 'io server disconnect') cut += 1;
      socket.disconnect();
    }
    expect(cut).toBeGreaterThan(0);
    expect(invalidReplies).toBeGreaterThan(0);

    // A message over maxHttpBufferSize is dropped by the transport, which closes that socket.
    const huge = open(bearer);
    expect(await outcome(huge)).toBe('connected');
    const hugeGone = new Promise<string>((resolve) => huge.once('disconnect', (reason) => resolve(reason)));
    huge.emit('pty:input', { id: 's-abcdef', data: 'x'.repeat(LIMITS.maxSocketMessageBytes + 1024) });
    expect(await hugeGone).toMatch(/transport/);

    // The server is still up and serves a fresh client.
    const fresh = open(bearer);
    expect(await outcome(fresh)).toBe('connected');
    const created = await call<SessionInfo>(fresh, 'session:create', { command: 'bash', args: ['--norc', '--noprofile'] });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;
    let text = '';
    fresh.on('pty:snapshot', (snap) => {
      text += snap.data;
    });
    fresh.on('pty:output-batch', (batch) =>
      decodeOutputBatch(asBytes(batch), (_sid, seq, data) => {
        text += Buffer.from(data).toString('utf8');
        fresh.emit('pty:ack', { id, seq: seq + data.byteLength });
      }),
    );
    expect((await call<AttachReply>(fresh, 'session:attach', { id })).ok).toBe(true);
    await call<null>(fresh, 'pty:input', { id, data: 'echo al""ive\r' });
    await expect.poll(() => /alive/.test(text), { timeout: 10_000 }).toBe(true);
    await call<null>(fresh, 'session:remove', { id });
  });
});
