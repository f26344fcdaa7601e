import { describe, expect, it } from 'vitest';
import { parseCast } from '../../protocol/asciicast';
import { CastEncoder, cutMarkerText } from './cast-encoder';

const HEADER = { version: 2, width: 80, height: 24, timestamp: 1_700_000_000 } as const;
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('CastEncoder', () => {
  it('writes a header, output with times relative to the start, resizes and markers', () => {
    const enc = new CastEncoder({ startMs: 10_000, maxBytes: 1 << 20 });
    const text = enc.header(HEADER) + enc.output(10_250, bytes('hi\r\n')) + enc.resize(11_000, 120, 40) + enc.marker(12_000, 'restart');
    const cast = parseCast(text);
    expect(cast?.header).toEqual(HEADER);
    expect(cast?.events).toEqual([
      [0.25, 'o', 'hi\r\n'],
      [1, 'r', '120x40'],
      [2, 'm', 'restart'],
    ]);
  });

  it('never splits a multi-byte character across events', () => {
    const enc = new CastEncoder({ startMs: 0, maxBytes: 1 << 20 });
    const all = bytes('a漢🙂b');
    const lines = [enc.header(HEADER)];
    // One byte at a time: the worst a PTY can do.
    for (let i = 0; i < all.length; i += 1) lines.push(enc.output(i, all.subarray(i, i + 1)));
    const events = parseCast(lines.join(''))?.events ?? [];
    expect(events.map((e) => e[2])).toEqual(['a', '漢', '🙂', 'b']);
    expect(events.some((e) => e[2].includes('\ufffd'))).toBe(false);
  });

  it('flushes a dangling partial character at the end of a stream, so the next generation starts clean', () => {
    const enc = new CastEncoder({ startMs: 0, maxBytes: 1 << 20 });
    expect(enc.output(1, bytes('漢').subarray(0, 2))).toBe('');
    expect(parseCast(enc.header(HEADER) + enc.endOfStream(2))?.events).toEqual([[0.002, 'o', '\ufffd']]);
    expect(parseCast(enc.header(HEADER) + enc.output(3, bytes('ok')))?.events).toEqual([[0.003, 'o', 'ok']]);
  });

  it('cuts at the cap with a marker, and writes nothing after it', () => {
    const maxBytes = 300;
    const enc = new CastEncoder({ startMs: 0, maxBytes });
    let text = enc.header(HEADER);
    for (let i = 0; i < 20; i += 1) text += enc.output(i, bytes(`line ${i}\r\n`));
    text += enc.resize(30, 100, 30) + enc.marker(31, 'late') + enc.endOfStream(32);
    expect(enc.isCut).toBe(true);
    const events = parseCast(text)?.events ?? [];
    expect(events.at(-1)?.[2]).toBe(cutMarkerText(maxBytes));
    expect(events.filter((e) => e[2].includes('recording cut'))).toHaveLength(1);
    const beforeMarker = Buffer.byteLength(text) - Buffer.byteLength(`${JSON.stringify(events.at(-1))}\n`);
    expect(beforeMarker).toBeLessThanOrEqual(maxBytes);
    expect(cutMarkerText(50 * 1024 * 1024)).toBe('\r\n[axiom: recording cut at 50 MiB]\r\n');
  });
});
