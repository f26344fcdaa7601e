import { describe, expect, it } from 'vitest';
import { defaultInterruptKey, encodeInjection } from './input-encoding';

describe('defaultInterruptKey', () => {
  it('uses esc for agent CLIs and ctrl-c for everything else', () => {
    expect(defaultInterruptKey('claude')).toBe('esc');
    expect(defaultInterruptKey('/usr/local/bin/codex')).toBe('esc');
    expect(defaultInterruptKey('bash')).toBe('ctrl-c');
    expect(defaultInterruptKey('/usr/bin/python3')).toBe('ctrl-c');
  });
});

describe('encodeInjection', () => {
  it('sends single lines as is', () => {
    expect(encodeInjection('ls -l', true)).toBe('ls -l');
  });
  it('wraps multi-line text in a bracketed paste when the program asked for it', () => {
    expect(encodeInjection('a\nb\r\nc', true)).toBe('\x1b[200~a\rb\rc\x1b[201~');
  });
  it('sends newlines as CR without bracketed paste mode', () => {
    expect(encodeInjection('a\nb', false)).toBe('a\rb');
  });
  it('strips paste markers from inside the text', () => {
    expect(encodeInjection('x\x1b[201~\ny', true)).toBe('\x1b[200~x\ry\x1b[201~');
  });
});
