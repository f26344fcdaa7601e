import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAUDE_2_1 } from './claude-2.1';
import { lastMeaningfulLine, readScreen, readTitle, STATUS_CHROME } from './screen-rule-set';

/** The rules against screens and titles recorded from the real Claude Code 2.1.197
 * (fixtures/claude-2.1.197, made by server/agents/claude/record-fixtures.ts). A CLI update
 * that breaks a rule fails here once its screens are recorded. */
const DIR = join(import.meta.dirname, 'fixtures', 'claude-2.1.197');
const screen = (name: string): string => readFileSync(join(DIR, `${name}.txt`), 'utf8');
const titles = JSON.parse(readFileSync(join(DIR, 'titles.json'), 'utf8')) as Record<string, { atCapture: string }>;

describe('Claude Code 2.1 screen rules (recorded from 2.1.197)', () => {
  it.each([
    ['idle', 'idle'],
    ['after-turn', 'idle'],
    ['composer-typed', 'idle'],
    ['interrupted', 'idle'],
    ['denied', 'idle'],
    ['api-error', 'idle'],
    ['busy', 'busy'],
    ['busy-thinking', 'busy'],
    ['busy-narrow', 'busy'],
    ['idle-narrow', 'idle'],
    ['busy-narrower', 'busy'],
    ['idle-narrower', 'idle'],
    ['permission-write', 'waiting'],
    ['permission-bash', 'waiting'],
  ] as const)('%s reads %s', (name, state) => {
    expect(readScreen(screen(name), CLAUDE_2_1)?.state).toBe(state);
  });

  it('has no opinion on a tile too small to tell a running turn from a finished one', () => {
    // Recorded at 45×6 mid-think and after the turn: the same screen, the spinner line
    // above it and the status hint cut off. Only the title tells them apart.
    expect(screen('busy-tiny').trimEnd()).toBe(screen('idle-tiny').trimEnd());
    expect(readScreen(screen('busy-tiny'), CLAUDE_2_1)).toBeNull();
    expect(readTitle(titles['busy-tiny']?.atCapture ?? '', CLAUDE_2_1)).toBe('busy');
    expect(readTitle(titles['idle-tiny']?.atCapture ?? '', CLAUDE_2_1)).toBe('idle');
  });

  it('reads a busy turn from its spinner line when the pane is too narrow for any status hint', () => {
    const noHint = screen('busy-narrow').replace(/^.*esc to i.*$/m, '  ⏵⏵ accept edits on (shift+tab to…');
    expect(noHint).not.toMatch(/esc/);
    expect(readScreen(noHint, CLAUDE_2_1)?.state).toBe('busy');
  });

  it('reads the question and the numbered choices of a permission prompt', () => {
    const write = readScreen(screen('permission-write'), CLAUDE_2_1);
    expect(write?.waiting?.question).toMatch(/^Do you want to create .+\?$/);
    expect(write?.waiting?.choices).toEqual([
      { key: '1', label: 'Yes' },
      { key: '2', label: 'Yes, allow all edits during this session (shift+tab)' },
      { key: '3', label: 'No' },
    ]);
    const bash = readScreen(screen('permission-bash'), CLAUDE_2_1);
    expect(bash?.waiting?.question).toBe('Do you want to proceed?');
    expect(bash?.waiting?.choices.map((c) => c.key)).toEqual(['1', '2', '3']);
  });

  it('reads every choice of a prompt in a narrow pane, where the long one wraps and loses its space', () => {
    const narrow = readScreen(screen('permission-narrow'), CLAUDE_2_1);
    expect(narrow?.state).toBe('waiting');
    expect(narrow?.waiting?.question).toBe('Do you want to create greetings-in-many-languages.md?');
    expect(narrow?.waiting?.choices).toEqual([
      { key: '1', label: 'Yes' },
      { key: '2', label: 'Yes, allow all edits during this session' },
      { key: '3', label: 'No' },
    ]);
  });

  it('takes the choices under the open question, not a numbered list in the preview above it', () => {
    const withList = screen('permission-write').replace(/^(.*Do you want to create)/m, '  1. Install the tool\n  2. Run it\n$1');
    expect(readScreen(withList, CLAUDE_2_1)?.waiting?.choices.map((c) => c.label)).toEqual([
      'Yes',
      'Yes, allow all edits during this session (shift+tab)',
      'No',
    ]);
  });

  it('reads the recorded window titles: a spinner glyph is busy, ✳ is idle (or waiting)', () => {
    expect(readTitle(titles['busy']?.atCapture ?? '', CLAUDE_2_1)).toBe('busy');
    expect(readTitle(titles['idle']?.atCapture ?? '', CLAUDE_2_1)).toBe('idle');
    expect(readTitle(titles['after-turn']?.atCapture ?? '', CLAUDE_2_1)).toBe('idle');
    expect(readTitle('⠂ Scripted session', CLAUDE_2_1)).toBe('busy');
    expect(readTitle('', CLAUDE_2_1)).toBeNull();
  });

  it('finds the last meaningful line under the status chrome', () => {
    expect(lastMeaningfulLine(screen('interrupted'), STATUS_CHROME)).toMatch(/^⎿\s+Interrupted · What should Claude do instead\?$/);
    expect(lastMeaningfulLine(screen('busy'), STATUS_CHROME)).not.toMatch(/esc to interrupt|…/);
    expect(lastMeaningfulLine(screen('idle-narrow'), STATUS_CHROME)).toMatch(/^✻ \S+ for \d+s$/);
    expect(lastMeaningfulLine(screen('busy-narrow'), STATUS_CHROME)).toBe('❯ think:3');
  });
});
