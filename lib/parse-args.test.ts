import { describe, expect, it } from 'vitest';
import { parseArgs } from './parse-args';

describe('parseArgs', () => {
  it.each([
    ['', []],
    ['  -l   -a ', ['-l', '-a']],
    [`-c 'echo hi; ls'`, ['-c', 'echo hi; ls']],
    [`--msg "say \\"hi\\"" x`, ['--msg', 'say "hi"', 'x']],
    [`a\\ b ''`, ['a b', '']],
    [`--flag="two words"`, ['--flag=two words']],
  ])('parses %j', (input, expected) => {
    expect(parseArgs(input)).toEqual({ ok: true, args: expected });
  });

  it('reports an unterminated quote', () => {
    expect(parseArgs(`"oops`)).toEqual({ ok: false, message: 'unterminated double quote' });
  });
});
