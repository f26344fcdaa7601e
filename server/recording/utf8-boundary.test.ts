import { describe, expect, it } from 'vitest';
import { completeUtf8Length } from './utf8-boundary';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('completeUtf8Length', () => {
  it('keeps whole characters and holds back a started one', () => {
    expect(completeUtf8Length(bytes('abc'))).toBe(3);
    expect(completeUtf8Length(bytes('a漢'))).toBe(4);
    const emoji = bytes('a🙂'); // 1 + 4 bytes
    for (let cut = 2; cut < 5; cut += 1) expect(completeUtf8Length(emoji.subarray(0, cut))).toBe(1);
    expect(completeUtf8Length(emoji)).toBe(5);
    expect(completeUtf8Length(bytes('é').subarray(0, 1))).toBe(0);
    expect(completeUtf8Length(new Uint8Array(0))).toBe(0);
  });

  it('never holds back bytes that cannot start a character', () => {
    expect(completeUtf8Length(new Uint8Array([0x61, 0x80, 0x80, 0x80]))).toBe(4); // stray continuations
    expect(completeUtf8Length(new Uint8Array([0x61, 0xff]))).toBe(2); // never valid
    expect(completeUtf8Length(new Uint8Array([0x61, 0xc0]))).toBe(2); // overlong lead
  });
});
