import { describe, expect, it } from 'vitest';
import { buildChildEnv } from './child-env';

describe('buildChildEnv', () => {
  it('drops console secrets and misleading terminal vars, sets the terminal identity', () => {
    const env = buildChildEnv({
      base: { PATH: '/bin', AXIOM_TOKEN: 'secret', AXIOM_PORT: '1', TMUX: 'x', COLUMNS: '80', TERM: 'dumb', U: undefined },
    });
    expect(env).toEqual({ PATH: '/bin', TERM: 'xterm-256color', COLORTERM: 'truecolor' });
  });

  it("lets the user's entries win", () => {
    const env = buildChildEnv({ base: { PATH: '/bin' }, user: { PATH: '/usr/bin', FOO: 'bar', COLORTERM: '' } });
    expect(env).toEqual({ PATH: '/usr/bin', FOO: 'bar', TERM: 'xterm-256color', COLORTERM: '' });
  });
});
