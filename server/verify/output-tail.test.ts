import { describe, expect, it } from 'vitest';
import { OutputTail } from './output-tail';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('output tail', () => {
  it('never splits a multi-byte character across frames', () => {
    const tail = new OutputTail();
    const all = bytes('héllo wörld ✓ 🎉\n');
    for (let i = 0; i < all.length; i++) tail.write(all.subarray(i, i + 1));
    expect(tail.text()).toBe('héllo wörld ✓ 🎉');
  });

  it('strips CSI, OSC, charset and two-character sequences, even split across frames', () => {
    const tail = new OutputTail();
    const s = '\x1b]0;title\x07\x1b[1;31mFAIL\x1b[0m src/a.test.ts\r\n\x1b(B\x1b=ok \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\n';
    const all = bytes(s);
    for (let i = 0; i < all.length; i += 3) tail.write(all.subarray(i, i + 3));
    expect(tail.text()).toBe('FAIL src/a.test.ts\nok link');
  });

  it('keeps the last state of a line rewritten with carriage returns', () => {
    const tail = new OutputTail();
    tail.write(bytes('progress 10%\rprogress 50%\rprogress 100%\r\ndone\n'));
    expect(tail.text()).toBe('progress 100%\ndone');
  });

  it('keeps at most the last N lines and bytes, trimming trailing blank lines', () => {
    const tail = new OutputTail({ maxLines: 3, maxBytes: 1000 });
    for (let i = 0; i < 100; i++) tail.write(bytes(`line ${i}\n`));
    tail.write(bytes('\n\n'));
    expect(tail.text()).toBe('line 97\nline 98\nline 99');
    const small = new OutputTail({ maxLines: 60, maxBytes: 20 });
    for (let i = 0; i < 10; i++) small.write(bytes(`line ${i}\n`));
    expect(small.text()).toBe('line 8\nline 9');
  });

  it('appends our own notes and resets on a snapshot', () => {
    const tail = new OutputTail();
    tail.write(bytes('partial\x1b[3'));
    tail.note('[note]');
    expect(tail.text()).toBe('partial\n[note]');
    tail.write(bytes('after\n'));
    tail.note('[again]');
    expect(tail.text()).toBe('partial\n[note]\nafter\n[again]');
    tail.reset();
    tail.writeText('screen');
    expect(tail.text()).toBe('screen');
  });
});
