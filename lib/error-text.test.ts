import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../protocol/result';
import { errorText } from './error-text';

describe('errorText', () => {
  it('gives every protocol code a headline, followed by the server detail', () => {
    for (const code of ERROR_CODES) {
      const text = errorText({ code, message: 'the detail' });
      expect(text).toMatch(/^[A-Z].+: the detail$/);
      expect(text).not.toContain(code);
    }
    expect(errorText({ code: 'refused:session-limit', message: 'at most 32 live sessions' })).toBe(
      'Too many sessions are running; close one first: at most 32 live sessions',
    );
  });

  it('says what to do for the failures that happen before the server answers, without a code', () => {
    expect(errorText({ code: 'offline:client', message: 'not connected to the server' })).toBe('Not connected to the console; retry once it reconnects');
    expect(errorText({ code: 'timeout:client', message: 'the server did not answer' })).toMatch(/^No answer from the console/);
  });

  it('still says something for a code this build does not know', () => {
    expect(errorText({ code: 'refused:new-thing' as never, message: 'why' })).toBe('The request failed: why');
  });

  it('does not repeat a detail that only restates the headline', () => {
    expect(errorText({ code: 'refused:session-exited', message: 'the session has exited' })).toBe('The session has exited');
    expect(errorText({ code: 'failed:internal', message: '' })).toBe('The console hit an internal error');
  });
});
