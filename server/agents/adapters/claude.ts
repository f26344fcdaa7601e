import { bundledClaudePath, findClaudeOnPath, prepareClaudeLaunch } from '../claude/claude-launch';
import { AGENT_CLI_DEFAULTS, type AgentAdapter } from '../agent-adapter';
import { CLAUDE_2_1 } from '../screen-rules/claude-2.1';
import { writeAgentMcpConfig } from '../../mcp/agent-mcp-config';

/** The Claude Code CLI found for this machine: the user's own on PATH first, else the one
 * installed with the console. */
export function claudeCommand(): string | null {
  return findClaudeOnPath() ?? bundledClaudePath();
}

export const claudeAdapter: AgentAdapter = {
  kind: 'claude',
  // The first prompt on the command line is submitted by the CLI itself, with no race
  // against its start-up (keystrokes typed before it is ready are lost).
  ...AGENT_CLI_DEFAULTS,
  quietMs: null,
  screenRules: CLAUDE_2_1,
  approveKeys: { yes: '1', 'yes-all': '2', no: '3' },
  async launch(ctx) {
    const claudePath = claudeCommand();
    if (claudePath === null) throw new Error('the claude CLI was not found on PATH or in node_modules');
    const prepared = await prepareClaudeLaunch({
      agentDir: ctx.agentDir,
      cwd: ctx.cwd,
      hookUrl: ctx.hookUrl,
      hookSecret: ctx.hookSecret,
      permissionMode: ctx.permissionMode,
      claudePath,
      ...(ctx.model === null ? {} : { model: ctx.model }),
      ...(ctx.mcp == null ? {} : { extraArgs: await writeAgentMcpConfig(ctx.agentDir, ctx.mcp) }),
    });
    const args = ctx.prompt === null ? prepared.args : [...prepared.args, '--', ctx.prompt];
    return { command: prepared.command, args, env: prepared.env };
  },
};
