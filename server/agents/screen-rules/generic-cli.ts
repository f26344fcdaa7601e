import type { ScreenRuleSet } from './screen-rule-set';

/**
 * Rules for CLIs recorded from their public UIs but not yet verified against a fixture on
 * this project's machines (no provider route here). Versioned so a verified set can replace
 * them per release; output silence backs them up (quietMs in the adapters).
 */
export const CODEX_0_X: ScreenRuleSet = {
  agent: 'codex',
  version: '0.x (unverified)',
  states: [
    { state: 'waiting', any: [{ pattern: 'Allow command\\?|Would you like to run|approve', ignoreCase: true, lastLines: 12 }] },
    { state: 'busy', any: [{ pattern: 'esc to interrupt', ignoreCase: true, lastLines: 8 }] },
    { state: 'idle', any: [{ pattern: '^\\s*[›>▌]\\s', lastLines: 6 }] },
  ],
  question: { pattern: '(Allow command\\?|Would you like to run[^?]*\\?)', ignoreCase: true },
  choice: { pattern: '^\\s*[›>]?\\s*(\\d)\\.\\s+(.+)$', lastLines: 12 },
};

export const GEMINI_0_X: ScreenRuleSet = {
  agent: 'gemini',
  version: '0.x (unverified)',
  states: [
    { state: 'waiting', any: [{ pattern: 'Allow execution|Apply this change\\?|Waiting for user confirmation', ignoreCase: true }] },
    { state: 'busy', any: [{ pattern: 'esc to cancel', ignoreCase: true, lastLines: 8 }] },
    { state: 'idle', any: [{ pattern: 'Type your message', ignoreCase: true, lastLines: 8 }] },
  ],
  question: { pattern: '(Allow execution[^?]*\\?|Apply this change\\?)', ignoreCase: true },
  choice: { pattern: '^\\s*[●○>]?\\s*(\\d)\\.\\s+(.+)$', lastLines: 12 },
};

export const AIDER_0_X: ScreenRuleSet = {
  agent: 'aider',
  version: '0.x (unverified)',
  states: [
    { state: 'waiting', any: [{ pattern: '\\(Y\\)es/\\(N\\)o', lastLines: 4 }] },
    { state: 'idle', any: [{ pattern: '^(\\w+ )?> ?$', lastLines: 2 }] },
  ],
  question: { pattern: '(.*\\?) \\(Y\\)es/\\(N\\)o', lastLines: 4 },
};

/** A prompt ($ # % > ❯, or a REPL's >>>) on the last line reads idle; any other last line
 * means a command is running. */
export const SHELL: ScreenRuleSet = {
  agent: 'shell',
  version: 'any',
  states: [
    { state: 'idle', any: [{ pattern: '[$#%>❯]\\s*$', lastLines: 1 }] },
    { state: 'busy', any: [{ pattern: '\\S', lastLines: 1 }] },
  ],
};
