import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError, type CommandSpec } from './args';
import { ago, keyValues, table } from './table';

const SPECS: Record<string, CommandSpec> = {
  spawn: { valued: ['agent', 'parent', 'cwd', 'check'], positionals: 1 },
  send: { switches: ['now'], positionals: 2 },
  ls: { switches: ['all'], positionals: 0 },
};

describe('parseArgs', () => {
  it('reads positionals, valued options in both spellings, switches and --json', () => {
    const p = parseArgs(['spawn', '--agent', 'shell', 'echo hi', '--cwd=/tmp', '--json'], SPECS);
    expect(p.command).toBe('spawn');
    expect(p.positionals).toEqual(['echo hi']);
    expect(Object.fromEntries(p.options)).toEqual({ agent: 'shell', cwd: '/tmp', json: 'true' });
    expect(parseArgs(['send', 't-abcdef', '--now', '--', '--not-an-option'], SPECS).positionals).toEqual(['t-abcdef', '--not-an-option']);
  });

  it('throws a UsageError for unknown commands and options, missing values and wrong arity', () => {
    expect(() => parseArgs(['nope'], SPECS)).toThrow(UsageError);
    expect(() => parseArgs(['ls', '--frob'], SPECS)).toThrow(/unknown option --frob/);
    expect(() => parseArgs(['spawn', 'x', '--agent'], SPECS)).toThrow(/needs a value/);
    expect(() => parseArgs(['spawn'], SPECS)).toThrow(/takes 1 argument/);
    expect(() => parseArgs(['ls', '--all=yes'], SPECS)).toThrow(/takes no value/);
  });

  it('turns no command, help and --help into help', () => {
    expect(parseArgs([], SPECS).command).toBe('help');
    expect(parseArgs(['ls', '--help'], SPECS)).toMatchObject({ command: 'help', positionals: ['ls'] });
  });
});

describe('table output', () => {
  it('aligns columns, cuts long cells, leaves no trailing spaces', () => {
    expect(table(['ID', 'NAME'], [['t-1', 'short'], ['t-22', 'x'.repeat(10)]], 8)).toBe('ID    NAME\nt-1   short\nt-22  xxxxxxx…');
    expect(keyValues([['id', 't-1'], ['state', 'idle']])).toBe('id:    t-1\nstate: idle');
    expect(ago(0, 90_000)).toBe('1m');
  });
});
