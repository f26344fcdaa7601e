import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInProcessSessionHost, type InProcessSessionHost } from '../sessions/in-process-host';
import { encodeJson, FrameDecoder, type Frame } from './frame-codec';
import { NO_REPLY_RID, PTY_HOST_PROTOCOL_VERSION } from './host-protocol';
import { serveSessionHost, type HostServer } from './host-server';

/**
 * A keystroke sent without a reply (SessionHost.send, rid 0) reaches the program, and the
 * host answers nothing for it. Spoken on the raw socket, so the test sees every frame the
 * host writes.
 */
const SECRET = 'a-secret-for-this-test-0123456789';

let dir: string;
let host: InProcessSessionHost;
let server: HostServer;
let socket: Socket | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'axiom-host-send-'));
  host = createInProcessSessionHost({ killGraceMs: 300, logger: { error: () => undefined } });
  server = await serveSessionHost({
    host,
    socketPath: join(dir, 'host.sock'),
    secret: SECRET,
    flushRecording: async () => undefined,
    stopAll: async () => undefined,
    log: () => undefined,
  });
});

afterEach(async () => {
  socket?.destroy();
  await server.close();
  await host.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function open(): { socket: Socket; frames: Frame[] } {
  const s = connect(join(dir, 'host.sock'));
  const frames: Frame[] = [];
  const decoder = new FrameDecoder();
  s.on('data', (chunk: Buffer) => frames.push(...decoder.push(chunk)));
  s.write(encodeJson({ type: 'hello', version: PTY_HOST_PROTOCOL_VERSION, secret: SECRET }));
  return { socket: s, frames };
}

const replies = (frames: Frame[]): unknown[] =>
  frames.filter((f) => f.kind === 'json' && (f.value as { type?: string }).type === 'reply').map((f) => (f.kind === 'json' ? f.value : null));

describe('requests without a reply', () => {
  it('deliver the keystroke and get no answer (the only reply is the attach one)', async () => {
    const created = await host.request({ type: 'create', input: { command: 'cat', args: [], name: 'echo', cols: 80, rows: 24 } });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;
    const conn = open();
    socket = conn.socket;
    conn.socket.write(encodeJson({ type: 'request', rid: 1, request: { type: 'attach', id, viewerId: 'v-test' } }));
    await expect.poll(() => replies(conn.frames).length, { timeout: 5000 }).toBe(1);

    const before = conn.frames.length;
    conn.socket.write(encodeJson({ type: 'request', rid: NO_REPLY_RID, request: { type: 'input', id, data: 'typed' } }));
    const echoed = (): string =>
      conn.frames
        .slice(before)
        .filter((f) => f.kind === 'output')
        .map((f) => (f.kind === 'output' ? Buffer.from(f.data).toString('utf8') : ''))
        .join('');
    await expect.poll(echoed, { timeout: 5000 }).toContain('typed');
    // Replies come in order: once the next request's reply is here, one for the keystroke
    // would have come before it.
    conn.socket.write(encodeJson({ type: 'request', rid: 2, request: { type: 'list' } }));
    await expect.poll(() => replies(conn.frames).length, { timeout: 5000 }).toBe(2);
    expect(replies(conn.frames).map((r) => (r as { rid: number }).rid)).toEqual([1, 2]);
  });

  it('still answer the same request sent with a request id', async () => {
    const created = await host.request({ type: 'create', input: { command: 'cat', args: [], name: 'echo', cols: 80, rows: 24 } });
    if (!created.ok) throw new Error(created.error.message);
    const conn = open();
    socket = conn.socket;
    conn.socket.write(encodeJson({ type: 'request', rid: 7, request: { type: 'input', id: created.value.id, data: 'x' } }));
    await expect.poll(() => replies(conn.frames), { timeout: 5000 }).toEqual([{ type: 'reply', rid: 7, result: { ok: true, value: null } }]);
  });
});
