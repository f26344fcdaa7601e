import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MirrorTerminal, PARSE_AT_ONCE_BYTES } from './mirror-terminal';
import { MirrorWorkerClient } from './mirror-worker-client';
import { TerminalMirror } from './terminal-mirror';
import { waitFor } from './testing/host-harness';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

let client: MirrorWorkerClient;
let logged: unknown[];
beforeEach(() => {
  logged = [];
  client = new MirrorWorkerClient({ logError: (...d: unknown[]) => logged.push(d), requestTimeoutMs: 5000 });
});
afterEach(async () => {
  await client.dispose();
});

interface Harness {
  mirror: TerminalMirror;
  replies: string[];
  /** Everything written, as the session's ring would hold it. */
  stream: number[];
  write: (s: string) => void;
}

function openMirror(cols = 80, rows = 24): Harness {
  const replies: string[] = [];
  const stream: number[] = [];
  const mirror = new TerminalMirror({
    worker: client,
    cols,
    rows,
    scrollbackLines: 1000,
    onReply: (d) => replies.push(d),
    onParsed: () => undefined,
    rebuildSource: () => ({ startSeq: 0, bytes: Uint8Array.from(stream) }),
  });
  const write = (s: string): void => {
    const b = enc(s);
    stream.push(...b);
    mirror.write(b);
  };
  return { mirror, replies, stream, write };
}

describe('MirrorTerminal (in this thread)', () => {
  it('uses Unicode 11 widths: the cursor after 🙂x is at column 3', async () => {
    const t = new MirrorTerminal({ cols: 80, rows: 24, scrollbackLines: 100, startSeq: 0, onReply: () => undefined, onParsed: () => undefined });
    t.write(enc('🙂x'));
    const { seq, screen } = await t.screen();
    expect(seq).toBe(5);
    expect(screen.cursorX).toBe(3);
    t.dispose();
  });

  it('parses bulk output before write() returns, not on a timer, and answers a query in it once', async () => {
    const replies: string[] = [];
    const parsed: number[] = [];
    const t = new MirrorTerminal({ cols: 80, rows: 24, scrollbackLines: 100, startSeq: 0, onReply: (d) => replies.push(d), onParsed: (n) => parsed.push(n) });
    const bulk = enc(`${'x'.repeat(PARSE_AT_ONCE_BYTES)}\x1b[c`);
    t.write(bulk);
    expect(parsed).toEqual([bulk.byteLength]);
    // A keystroke's echo waits for xterm's timer (the relay to the browser goes first).
    t.write(enc('k'));
    expect(parsed).toEqual([bulk.byteLength]);
    await waitFor(() => parsed.length === 2);
    expect(parsed).toEqual([bulk.byteLength, bulk.byteLength + 1]);
    // One device-attributes answer; the empty "input" that skips xterm's timer is none.
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/^\x1b\[\?[\d;]+c$/);
    t.dispose();
  });
});

describe('TerminalMirror (proxy to the mirror worker)', () => {
  it('serializes after every byte written before the request, exact at its seq', async () => {
    const { mirror, write } = openMirror();
    let total = 0;
    for (let i = 0; i < 2000; i++) {
      const line = `line ${i} \x1b[3${i % 8}mcoloured\x1b[0m é漢🙂\r\n`;
      write(line);
      total += enc(line).byteLength;
    }
    const snap = await mirror.serialize();
    expect(snap.seq).toBe(total);
    expect(snap).toMatchObject({ cols: 80, rows: 24 });
    expect(snap.data).toContain('line 1999');
    expect(mirror.parsedSeq).toBeLessThanOrEqual(total);
    await waitFor(() => mirror.parsedSeq === total, 5000, 'parsed report');
  });

  it('answers a query exactly once', async () => {
    const { mirror, replies, write } = openMirror();
    write('ab\x1b[6n\x1b[c');
    await mirror.screen();
    await waitFor(() => replies.length >= 2, 5000, 'replies');
    await new Promise((r) => setTimeout(r, 100));
    expect(replies).toHaveLength(2);
    expect(replies[0]).toBe('\x1b[1;3R');
    expect(replies[1]).toMatch(/^\x1b\[\?[\d;]*c$/);
  });

  it('applies a resize after the writes before it and before the writes after it', async () => {
    const { mirror, write } = openMirror(20, 5);
    // 30 characters at 20 columns wrap onto a second row; then the terminal widens.
    write('x'.repeat(30));
    mirror.resize(40, 5);
    write('\r\nafter');
    const screen = await mirror.screen();
    expect(screen).toMatchObject({ cols: 40, rows: 5 });
    expect(screen.text.split('\n')).toEqual(['x'.repeat(20), 'x'.repeat(10), 'after']);
    const snap = await mirror.serialize();
    expect(snap).toMatchObject({ cols: 40, rows: 5 });
  });

  it('tracks bracketed paste mode from the worker reports', async () => {
    const { mirror, write } = openMirror();
    expect(mirror.bracketedPasteMode).toBe(false);
    write('\x1b[?2004h');
    await waitFor(() => mirror.bracketedPasteMode, 5000, 'bracketed paste on');
  });

  it('refuses requests after dispose and keeps other mirrors working', async () => {
    const a = openMirror();
    const b = openMirror();
    a.write('a-text');
    b.write('b-text');
    const pending = a.mirror.screen();
    a.mirror.dispose();
    await expect(pending).rejects.toThrow();
    await expect(a.mirror.serialize()).rejects.toThrow();
    expect((await b.mirror.screen()).text).toBe('b-text');
  });

  it('survives a worker crash: pending requests fail, mirrors are rebuilt without answering queries again', async () => {
    const { mirror, replies, write } = openMirror();
    write('before-crash \x1b[6n');
    await waitFor(() => replies.length === 1, 5000, 'first reply');
    await client.crashWorkerForTest();
    expect(logged.length).toBeGreaterThan(0);
    write(' after-crash');
    const screen = await mirror.screen();
    expect(screen.text).toBe('before-crash  after-crash');
    await new Promise((r) => setTimeout(r, 100));
    expect(replies).toHaveLength(1);
  });

  it('fails a request that the worker does not answer in time', async () => {
    const slow = new MirrorWorkerClient({ logError: () => undefined, requestTimeoutMs: 1 });
    const mirror = new TerminalMirror({
      worker: slow,
      cols: 80,
      rows: 24,
      scrollbackLines: 100,
      onReply: () => undefined,
      onParsed: () => undefined,
      rebuildSource: () => ({ startSeq: 0, bytes: new Uint8Array(0) }),
    });
    // The first request also waits for the worker to start: far more than 1 ms.
    await expect(mirror.screen()).rejects.toThrow(/did not answer/);
    await slow.dispose();
  });
});
