import { AGENT_CLI_DEFAULTS, type AgentAdapter } from '../agent-adapter';
import { AIDER_0_X, CODEX_0_X, GEMINI_0_X } from '../screen-rules/generic-cli';

/**
 * Codex, Gemini CLI and Aider: launched by name from PATH, prompt on the command line where
 * the CLI supports starting a session with one. No hooks: state comes from the screen rules
 * and, when they have no opinion, output silence.
 */
export const codexAdapter: AgentAdapter = {
  kind: 'codex',
  ...AGENT_CLI_DEFAULTS,
  quietMs: 3000,
  screenRules: CODEX_0_X,
  approveKeys: { yes: 'y', 'yes-all': 'a', no: 'n' },
  async launch(ctx) {
    const args = ctx.permissionMode === 'acceptEdits' ? ['--full-auto'] : [];
    return { command: ctx.command ?? 'codex', args: ctx.prompt === null ? args : [...args, ctx.prompt], env: {} };
  },
};

export const geminiAdapter: AgentAdapter = {
  kind: 'gemini',
  ...AGENT_CLI_DEFAULTS,
  quietMs: 3000,
  screenRules: GEMINI_0_X,
  approveKeys: { yes: '1', 'yes-all': '2', no: '3' },
  async launch(ctx) {
    const args = ctx.permissionMode === 'acceptEdits' ? ['--approval-mode', 'auto_edit'] : [];
    // -i: run the prompt, then stay interactive.
    return { command: ctx.command ?? 'gemini', args: ctx.prompt === null ? args : [...args, '-i', ctx.prompt], env: {} };
  },
};

export const aiderAdapter: AgentAdapter = {
  kind: 'aider',
  interruptKey: 'ctrl-c',
  escalateKey: null,
  // --message would exit after the one prompt: type it into the chat instead.
  initialPrompt: 'type',
  submitDelayMs: 60,
  confirmMs: 2500,
  confirmBy: 'output',
  quietMs: 3000,
  screenRules: AIDER_0_X,
  approveKeys: { yes: 'y\r', 'yes-all': 'a\r', no: 'n\r' },
  async launch(ctx) {
    return { command: ctx.command ?? 'aider', args: ctx.permissionMode === 'acceptEdits' ? ['--yes-always'] : [], env: {} };
  },
};
