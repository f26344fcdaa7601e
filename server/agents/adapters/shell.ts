import type { AgentAdapter } from '../agent-adapter';
import { SHELL } from '../screen-rules/generic-cli';

/**
 * Any command, and the fallback for unknown agents: a prompt is a line typed into it, the
 * interrupt is Ctrl-C, and the screen's last line (a prompt or not) tells idle from busy.
 */
export const shellAdapter: AgentAdapter = {
  kind: 'shell',
  interruptKey: 'ctrl-c',
  escalateKey: null,
  initialPrompt: 'type',
  submitDelayMs: 30,
  confirmMs: 1500,
  confirmBy: 'output',
  quietMs: null,
  screenRules: SHELL,
  approveKeys: { yes: 'y\r', 'yes-all': 'a\r', no: 'n\r' },
  async launch(ctx) {
    const command = ctx.command ?? process.env['SHELL'] ?? 'bash';
    const isBash = /(^|\/)bash$/.test(command);
    // No rc files for a bare bash: a user's prompt theme would defeat the prompt rule.
    const args = ctx.command === null && isBash ? ['--norc', '--noprofile'] : ctx.args;
    const env: Record<string, string> = ctx.command === null && isBash ? { PS1: '$ ' } : {};
    return { command, args, env };
  },
};
