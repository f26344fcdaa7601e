import { describe, expect, it } from 'vitest';
import { parseCast } from '../../protocol/asciicast';
import { CastEncoder, cutMarkerText } from './cast-encoder';

const HEADER = { version: 2, width: 80, height: 24, timestamp: 1_700_000_000 } as const;
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
/** The file's text from the encoder's lines. */
const text = (...lines: Uint8Array[]): string => Buffer.concat(lines).toString('utf8');

describe('CastEncoder', () => {
  it('writes a header, output with times relative to the start, resizes and markers', () => {
    const enc = new CastEncoder({ startMs: 10_000, maxBytes: 1 << 20 });
    const cast = parseCast(text(enc.header(HEADER), enc.output(10_250, bytes('hi\r\n')), enc.resize(11_000, 120, 40), enc.marker(12_000, 'restart')));
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
    const events = parseCast(text(...lines))?.events ?? [];
    expect(events.map((e) => e[2])).toEqual(['a', '漢', '🙂', 'b']);
    expect(events.some((e) => e[2].includes('\ufffd'))).toBe(false);
  });

  it('flushes a dangling partial character at the end of a stream, so the next generation starts clean', () => {
    const enc = new CastEncoder({ startMs: 0, maxBytes: 1 << 20 });
    expect(enc.output(1, bytes('漢').subarray(0, 2)).byteLength).toBe(0);
    expect(parseCast(text(enc.header(HEADER), enc.endOfStream(2)))?.events).toEqual([[0.002, 'o', '\ufffd']]);
    expect(parseCast(text(enc.header(HEADER), enc.output(3, bytes('ok'))))?.events).toEqual([[0.003, 'o', 'ok']]);
  });

  it('writes exactly the bytes that encoding the decoded text would, escapes and all', () => {
    const enc = new CastEncoder({ startMs: 0, maxBytes: 1 << 20 });
    const sample = 'plain "quoted" back\\slash \x1b[31mred\x1b[0m\ttab\r\nDEL\x7f é漢🙂 \u0085';
    const line = enc.output(1500, bytes(sample));
    expect(Buffer.from(line).toString('utf8')).toBe(`${JSON.stringify([1.5, 'o', sample])}\n`);
  });

  it('writes a batch longer than its escape slices as one line, characters and escapes across the slice edges intact', () => {
    const enc = new CastEncoder({ startMs: 0, maxBytes: 1 << 22 });
    // 3-byte characters and 5-byte escapes at every offset against the 16 KiB slice edges.
    const sample = Array.from({ length: 30_000 }, (_, i) => (i % 3 === 0 ? '漢' : i % 3 === 1 ? '\x1b[' : 'a"')).join('');
    const line = enc.output(2000, bytes(sample));
    expect(bytes(sample).byteLength).toBeGreaterThan(3 * 16 * 1024);
    expect(Buffer.from(line).toString('utf8')).toBe(`${JSON.stringify([2, 'o', sample])}\n`);
  });

  it('replaces invalid bytes with U+FFFD, as a decoder shows them', () => {
    const enc = new CastEncoder({ startMs: 0, maxBytes: 1 << 20 });
    const line = enc.output(0, new Uint8Array([0x61, 0xff, 0x62]));
    expect(parseCast(text(enc.header(HEADER), line))?.events).toEqual([[0, 'o', 'a\ufffdb']]);
  });

  it('cuts at the cap with a marker, and writes nothing after it', () => {
    const maxBytes = 300;
    const enc = new CastEncoder({ startMs: 0, maxBytes });
    const lines = [enc.header(HEADER)];
    for (let i = 0; i < 20; i += 1) lines.push(enc.output(i, bytes(`line ${i}\r\n`)));
    lines.push(enc.resize(30, 100, 30), enc.marker(31, 'late'), enc.endOfStream(32));
    expect(enc.isCut).toBe(true);
    const file = text(...lines);
    const events = parseCast(file)?.events ?? [];
    expect(events.at(-1)?.[2]).toBe(cutMarkerText(maxBytes));
    expect(events.filter((e) => e[2].includes('recording cut'))).toHaveLength(1);
    const beforeMarker = Buffer.byteLength(file) - Buffer.byteLength(`${JSON.stringify(events.at(-1))}\n`);
    expect(beforeMarker).toBeLessThanOrEqual(maxBytes);
    expect(cutMarkerText(50 * 1024 * 1024)).toBe('\r\n[axiom: recording cut at 50 MiB]\r\n');
  });

  it('keeps the part of one large output that fits under the cap, cut on a character boundary, then the marker', () => {
    for (const body of ['é漢\r\n'.repeat(400), 'line\r\n'.repeat(400)]) {
      const maxBytes = 600;
      const enc = new CastEncoder({ startMs: 0, maxBytes });
      const file = text(enc.header(HEADER), enc.output(5, bytes(body)));
      const events = parseCast(file)?.events ?? [];
      expect(events.map((e) => e[1])).toEqual(['o', 'o']);
      const kept = events[0]?.[2] ?? '';
      expect(kept.length).toBeGreaterThan(100);
      expect(body.startsWith(kept)).toBe(true);
      expect(kept).not.toContain('\ufffd');
      expect(events[1]?.[2]).toBe(cutMarkerText(maxBytes));
      const beforeMarker = Buffer.byteLength(file) - Buffer.byteLength(`${JSON.stringify(events[1])}\n`);
      expect(beforeMarker).toBeLessThanOrEqual(maxBytes);
      // Within one character's line cost of the cap: nothing that fit was dropped.
      expect(beforeMarker).toBeGreaterThan(maxBytes - 8);
    }
  });
});
