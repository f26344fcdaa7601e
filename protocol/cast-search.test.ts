import { describe, expect, it } from 'vitest';
import { castOutputText, encodeCastEvent, encodeCastHeader, parseCast, type CastEvent } from './asciicast';
import { castPlainText, searchCast } from './cast-search';

describe('parseCast', () => {
  it('reads a header and events, skipping a torn last line', () => {
    const text =
      encodeCastHeader({ version: 2, width: 80, height: 24, timestamp: 1 }) +
      encodeCastEvent([0.5, 'o', 'a\u001b[1mb']) +
      encodeCastEvent([1, 'r', '90x30']) +
      '[1.5, "o", "tor';
    const cast = parseCast(text);
    expect(cast?.events).toEqual([
      [0.5, 'o', 'a\u001b[1mb'],
      [1, 'r', '90x30'],
    ]);
    expect(cast?.skippedLines).toBe(1);
    expect(castOutputText(cast?.events ?? [])).toBe('a\u001b[1mb');
    expect(parseCast('{"version":1}\n')).toBeUndefined();
  });
});

describe('searchCast', () => {
  const events: CastEvent[] = [
    [0.1, 'o', '$ echo \u001b[32mHello'],
    [0.2, 'r', '100x30'],
    [0.3, 'o', ' World\u001b[0m\r\n'],
    [1.5, 'o', '\u001b]0;title\u0007second hello here\r\n'],
    [2.0, 'o', 'x\u001b['],
    [2.1, 'o', '31mHELLO'],
  ];

  it('strips escape sequences, even ones split across events', () => {
    expect(castPlainText(events).text).toBe('$ echo Hello World\nsecond hello here\nxHELLO');
  });

  it('finds case-insensitive matches with the time of the event that completes each', () => {
    expect(searchCast(events, 'hello world')).toEqual([{ time: 0.3, context: '$ echo Hello World' }]);
    expect(searchCast(events, 'HELLO').map((m) => m.time)).toEqual([0.1, 1.5, 2.1]);
    expect(searchCast(events, 'hello', { maxMatches: 2 })).toHaveLength(2);
    expect(searchCast(events, '  ')).toEqual([]);
    expect(searchCast(events, 'absent')).toEqual([]);
  });

  it('keeps the context to the matched line, trimmed around the match', () => {
    const long: CastEvent[] = [[0, 'o', `first\r\n${'a'.repeat(100)}NEEDLE${'b'.repeat(100)}\r\nlast`]];
    const [m] = searchCast(long, 'needle', { contextChars: 5 });
    expect(m?.context).toBe('…aaaaaNEEDLEbbbbb…');
  });
});
