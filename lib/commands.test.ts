import { describe, expect, it } from 'vitest';
import { splitInput } from './commands';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const utf8 = (s: string): number => new TextEncoder().encode(s).byteLength;

describe('splitInput', () => {
  it('keeps short input whole', () => {
    expect(splitInput('hello', 64)).toEqual(['hello']);
  });

  it('splits by UTF-8 bytes without breaking characters', () => {
    const text = 'a'.repeat(10) + 'é'.repeat(10) + '😀'.repeat(10) + '中'.repeat(10);
    const pieces = splitInput(text, 16);
    expect(pieces.join('')).toBe(text);
    for (const p of pieces) {
      expect(utf8(p)).toBeLessThanOrEqual(16);
      expect(LONE_SURROGATE.test(p)).toBe(false);
    }
  });

  it('splits a large paste into maxBytes pieces', () => {
    const text = 'x'.repeat(150_000);
    const pieces = splitInput(text, 65_536);
    expect(pieces.map((p) => p.length)).toEqual([65_536, 65_536, 18_928]);
  });
});
