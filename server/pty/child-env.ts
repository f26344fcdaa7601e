/**
 * The environment a PTY child starts with: the server's own environment minus the console's
 * secrets and variables that would mislead a terminal program, plus the terminal identity,
 * plus what the user asked for (the user's entries win).
 */

/** Variables a child must not inherit: they describe the terminal the *server* was started
 * in (tmux, screen, a fixed size), not the PTY the child runs in. Same list node-pty uses
 * when it is handed `process.env` itself. */
const MISLEADING_TERMINAL_VARS = [
  'TMUX',
  'TMUX_PANE',
  'STY',
  'WINDOW',
  'WINDOWID',
  'TERMCAP',
  'COLUMNS',
  'LINES',
] as const;

/** Console secrets (AXIOM_TOKEN and every other AXIOM_* setting) never reach an agent. */
const SECRET_PREFIX = 'AXIOM_';

export const TERMINAL_ENV = { TERM: 'xterm-256color', COLORTERM: 'truecolor' } as const;

export interface ChildEnvOptions {
  /** Usually `process.env`. */
  base: Readonly<Record<string, string | undefined>>;
  user?: Readonly<Record<string, string>>;
}

export function buildChildEnv(opts: ChildEnvOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.base)) {
    if (v === undefined) continue;
    if (k.startsWith(SECRET_PREFIX)) continue;
    if ((MISLEADING_TERMINAL_VARS as readonly string[]).includes(k)) continue;
    env[k] = v;
  }
  Object.assign(env, TERMINAL_ENV, opts.user ?? {});
  return env;
}
