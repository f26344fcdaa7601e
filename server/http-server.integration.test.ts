import { existsSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { consoleSocketOptions } from '../protocol/socket-parser';
import { describe, expect, it } from 'vitest';
import { startTestConsole, TEST_TOKEN } from './transport/test-console';

/** Sends a raw upgrade request and returns the status line of the reply. */
function upgrade(port: number, path: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(port, '127.0.0.1', () => {
      const lines = [
        `GET ${path} HTTP/1.1`,
        'Connection: Upgrade',
        'Upgrade: websocket',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (d: Buffer) => {
      data += d.toString('latin1');
      if (data.includes('\r\n')) {
        resolve(data.slice(0, data.indexOf('\r\n')));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(data === '' ? 'closed' : data.split('\r\n')[0] ?? ''));
  });
}

describe('console lifecycle (real server)', () => {
  it('guards non-socket.io upgrades and refuses them without Next', async () => {
    const c = await startTestConsole();
    try {
      const host = c.hostHeader;
      expect(await upgrade(c.port, '/_next/hmr', { Host: host })).toMatch(/ 401 /);
      expect(await upgrade(c.port, '/_next/hmr', { Host: `evil.example:${c.port}`, Authorization: `Bearer ${TEST_TOKEN}` })).toMatch(/ 403 /);
      expect(await upgrade(c.port, '/_next/hmr', { Host: host, Origin: 'http://evil.example', Cookie: `axiom_token=${TEST_TOKEN}` })).toMatch(/ 403 /);
      expect(await upgrade(c.port, '/_next/hmr', { Host: host, Authorization: `Bearer ${TEST_TOKEN}` })).toMatch(/ 404 /);
    } finally {
      await c.stop();
    }
  });

  it('keeps an idle keep-alive connection open past Node\'s 5 s default, so a polling client never races its close', async () => {
    const c = await startTestConsole();
    try {
      const socket = tcpConnect(c.port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      let closed = false;
      socket.on('close', () => (closed = true));
      const replies: string[] = [];
      socket.on('data', (d: Buffer) => replies.push(d.toString('latin1')));
      const get = `GET /health HTTP/1.1\r\nHost: ${c.hostHeader}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\nConnection: keep-alive\r\n\r\n`;
      socket.write(get);
      await new Promise((r) => setTimeout(r, 6000));
      expect(closed).toBe(false);
      // The same connection still answers.
      socket.write(get);
      await new Promise((r) => setTimeout(r, 300));
      expect(replies.join('').match(/HTTP\/1\.1 200/g)).toHaveLength(2);
      socket.destroy();
    } finally {
      await c.stop();
    }
  }, 15_000);

  it('closes promptly with connected clients and live sessions, and removes console.json', async () => {
    const c = await startTestConsole();
    const file = join(c.dataDir, 'console.json');
    expect(existsSync(file)).toBe(true);
    const created = await c.host.request({ type: 'create', input: { command: 'sleep', args: ['30'], cols: 80, rows: 24 } });
    expect(created.ok).toBe(true);
    const client = connect(c.origin, {
      ...consoleSocketOptions(TEST_TOKEN),
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    const disconnected = new Promise<string>((resolve) => client.once('disconnect', (reason) => resolve(reason)));

    const started = Date.now();
    await c.close();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await disconnected).toMatch(/disconnect|close/);
    expect(existsSync(file)).toBe(false);
    await expect(fetch(`${c.origin}/health`)).rejects.toThrow();
    await c.close(); // idempotent
    await c.stop();
  });
});
