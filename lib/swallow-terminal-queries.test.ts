import { describe, expect, it } from 'vitest';
import xtermHeadless from '@xterm/headless';
import { swallowTerminalQueries } from './swallow-terminal-queries';

/** Writes `input` to a fresh terminal and returns what the terminal answered. */
async function answersTo(input: string, swallow: boolean): Promise<string> {
  const term = new xtermHeadless.Terminal({ cols: 80, rows: 24, allowProposedApi: true });
  if (swallow) swallowTerminalQueries(term);
  let answered = '';
  term.onData((d) => (answered += d));
  await new Promise<void>((resolve) => term.write(input, resolve));
  term.dispose();
  return answered;
}

const QUERIES: Record<string, string> = {
  'DA1': '\x1b[c',
  'DA1 with 0': '\x1b[0c',
  'DA2': '\x1b[>c',
  'DSR status': '\x1b[5n',
  'DSR cursor': '\x1b[6n',
  'DEC DSR cursor': '\x1b[?6n',
  'DECRQM ANSI': '\x1b[4$p',
  'DECRQM DEC': '\x1b[?25$p',
  'DECRQSS': '\x1bP$qm\x1b\\',
  'OSC 10 query': '\x1b]10;?\x07',
  'OSC 11 query': '\x1b]11;?\x1b\\',
  'OSC 4 query': '\x1b]4;1;?\x07',
  'XTVERSION': '\x1b[>q',
};

describe('swallowTerminalQueries', () => {
  for (const [name, seq] of Object.entries(QUERIES)) {
    it(`swallows ${name}`, async () => {
      expect(await answersTo(seq, true)).toBe('');
    });
  }

  it('is needed: a plain xterm answers DA1 and CPR', async () => {
    expect(await answersTo('\x1b[c\x1b[6n', false)).not.toBe('');
  });

  it('still applies non-query sequences', async () => {
    const term = new xtermHeadless.Terminal({ cols: 80, rows: 24, allowProposedApi: true });
    swallowTerminalQueries(term);
    await new Promise<void>((resolve) => term.write('ab\x1b[1;1Hc\x1b]11;#102030\x07', resolve));
    expect(term.buffer.active.getLine(0)?.translateToString(true)).toBe('cb');
    term.dispose();
  });

  it('keeps swallowing after a reset', async () => {
    const term = new xtermHeadless.Terminal({ cols: 80, rows: 24, allowProposedApi: true });
    swallowTerminalQueries(term);
    let answered = '';
    term.onData((d) => (answered += d));
    term.reset();
    await new Promise<void>((resolve) => term.write('\x1b[c\x1b[6n', resolve));
    expect(answered).toBe('');
    term.dispose();
  });
});
