import * as nodePty from 'node-pty';
import { setTimeout as sleep } from 'node:timers/promises';
import { asBytes, decodeOutputBatch } from '../protocol/output-batch';
import type { ConsoleClient } from './lib/console-client';
import { connectSocket } from './lib/socket-client';
import { summarize, type Summary } from './lib/stats';

/**
 * Where keystroke-to-echo time goes, outside the browser, same keys and the same 15 ms gap
 * as the page's echo measure, so each layer's share can be read off:
 * - rawPty: node-pty with `cat` in this process (the program and the kernel's PTY);
 * - consoleSocket: a socket.io client of the console, input to the echo's output batch
 *   (adds the web server, the pty host and the hops between them).
 * The page's echoMs less consoleSocket is what the browser adds (its network process,
 * the renderer, xterm.js). bench/run.ts adds pageHeldKey: the page's echo with each key's
 * key-up sent after its echo (measure-echo.ts, KeyStroke).
 */
export interface EchoPath {
  rawPty: Summary;
  consoleSocket: Summary;
}

const GAP_MS = 15;
const key = (i: number): string => (i % 50 === 49 ? '\r' : String.fromCharCode(97 + (i % 26)));

export async function measureEchoPath(url: string, token: string, client: ConsoleClient, keys: number): Promise<EchoPath> {
  return { rawPty: await rawPtyEcho(keys), consoleSocket: await consoleSocketEcho(url, token, client, keys) };
}

async function rawPtyEcho(keys: number): Promise<Summary> {
  const pty = nodePty.spawn('cat', [], { name: 'xterm-256color', cols: 100, rows: 30, cwd: process.cwd(), env: process.env as Record<string, string> });
  let waiter: (() => void) | null = null;
  pty.onData(() => {
    const w = waiter;
    waiter = null;
    w?.();
  });
  try {
    await sleep(300);
    return summarize(await timedKeys(keys, (data) => pty.write(data), (w) => (waiter = w)));
  } finally {
    pty.kill();
  }
}

async function consoleSocketEcho(url: string, token: string, client: ConsoleClient, keys: number): Promise<Summary> {
  const session = await client.create({ command: 'cat', name: 'echo-path', cols: 100, rows: 30 });
  const socket = await connectSocket(url, token);
  let waiter: (() => void) | null = null;
  socket.on('pty:output-batch', (batch) => {
    decodeOutputBatch(asBytes(batch), (id) => {
      if (id !== session.id) return;
      const w = waiter;
      waiter = null;
      w?.();
    });
  });
  try {
    await new Promise((resolve) => socket.emit('session:attach', { id: session.id }, resolve));
    await sleep(300);
    return summarize(await timedKeys(keys, (data) => socket.emit('pty:input', { id: session.id, data }), (w) => (waiter = w)));
  } finally {
    socket.close();
    await client.remove(session.id);
  }
}

/** Sends each key after the previous echo and the gap; the first 10 warm up, uncounted. */
async function timedKeys(keys: number, send: (data: string) => void, onEcho: (resolve: () => void) => void): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < keys + 10; i++) {
    const echoed = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no echo within 5 s')), 5000);
      onEcho(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    const t0 = performance.now();
    send(key(i));
    await echoed;
    if (i >= 10) samples.push(performance.now() - t0);
    await sleep(GAP_MS);
  }
  return samples;
}
