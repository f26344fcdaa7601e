import { describe, expect, it } from 'vitest';
import { LIMITS } from '../protocol/limits';
import { sessionInputFromForm, type SessionForm } from './session-form';

const form = (patch: Partial<SessionForm> = {}): SessionForm => ({ command: 'bash', args: '', cwd: '', name: '', interruptKey: '', ...patch });

describe('sessionInputFromForm', () => {
  it('builds the payload from trimmed fields, leaving empty ones out', () => {
    expect(sessionInputFromForm(form({ command: ' sh ', args: `-c 'echo hi'`, cwd: ' /tmp ', name: ' n ', interruptKey: 'esc' }))).toEqual({
      ok: true,
      input: { command: 'sh', args: ['-c', 'echo hi'], cwd: '/tmp', name: 'n', interruptKey: 'esc' },
    });
    expect(sessionInputFromForm(form())).toEqual({ ok: true, input: { command: 'bash', args: [] } });
  });

  it('refuses what the protocol schema refuses, naming the field', () => {
    expect(sessionInputFromForm(form({ command: '  ' }))).toEqual({ ok: false, message: 'command: required' });
    expect(sessionInputFromForm(form({ args: `'open` }))).toEqual({ ok: false, message: 'args: unterminated single quote' });
    const tooMany = Array.from({ length: LIMITS.maxArgs + 1 }, (_, i) => `a${i}`).join(' ');
    expect(sessionInputFromForm(form({ args: tooMany }))).toMatchObject({ ok: false, message: expect.stringMatching(/^args: /) });
    expect(sessionInputFromForm(form({ name: 'x'.repeat(LIMITS.maxNameLength + 1) }))).toMatchObject({ ok: false, message: expect.stringMatching(/^name: /) });
  });

  it('ignores an interrupt key the protocol does not know (the command default applies)', () => {
    expect(sessionInputFromForm(form({ interruptKey: 'f13' }))).toEqual({ ok: true, input: { command: 'bash', args: [] } });
  });
});
