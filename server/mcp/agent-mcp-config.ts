import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MCP_SERVER_NAME } from './mcp-server';

/**
 * Gives a Claude Code instance the console's MCP server: an `--mcp-config` file (0600, in
 * the agent's private folder: it holds the agent's bearer token) naming server `axiom`
 * over HTTP, and the permission rule that lets the agent call the orchestration tools
 * without a prompt. Claude names MCP tools `mcp__<server>__<tool>`.
 */
export interface AgentMcpAccess {
  /** `<console origin>/mcp`. */
  url: string;
  /** This agent's own bearer token (AgentTokens). */
  token: string;
}

/** Allowed without asking: spawning, reading and steering the agent's own subtree is the
 * point of giving it the server. axiom_approve is left out on purpose: answering a child's
 * permission prompt overrides a safety check, so Claude asks its person first. */
export const PRE_ALLOWED_TOOLS = [
  'axiom_spawn',
  'axiom_status',
  'axiom_output',
  'axiom_dag',
  'axiom_wait',
  'axiom_inject',
  'axiom_interrupt',
  'axiom_steer',
].map((tool) => `mcp__${MCP_SERVER_NAME}__${tool}`);

export function buildMcpConfig(access: AgentMcpAccess): Record<string, unknown> {
  return {
    mcpServers: {
      [MCP_SERVER_NAME]: { type: 'http', url: access.url, headers: { Authorization: `Bearer ${access.token}` } },
    },
  };
}

/** The bearer token a config written by buildMcpConfig holds, or null (unreadable, hand-edited). */
export function mcpTokenOf(configText: string): string | null {
  try {
    const config = JSON.parse(configText) as { mcpServers?: Record<string, { headers?: Record<string, unknown> }> };
    const auth = config.mcpServers?.[MCP_SERVER_NAME]?.headers?.['Authorization'];
    const match = typeof auth === 'string' ? /^Bearer (\S+)$/.exec(auth) : null;
    return match?.[1] ?? null;
  } catch {
    return null;
  }
}

/** The claude args for the config file. `--opt=value`: both options are variadic in the
 * CLI and would otherwise swallow the arguments after them. */
export function mcpClaudeArgs(configPath: string): string[] {
  return [`--mcp-config=${configPath}`, `--allowedTools=${PRE_ALLOWED_TOOLS.join(',')}`];
}

/** Writes `<agentDir>/mcp.json` (0600) and returns the claude args that use it. */
export async function writeAgentMcpConfig(agentDir: string, access: AgentMcpAccess): Promise<string[]> {
  const file = path.join(agentDir, 'mcp.json');
  await writeFile(file, `${JSON.stringify(buildMcpConfig(access), null, 2)}\n`, { mode: 0o600 });
  // writeFile's mode applies only when it creates the file (a retried launch rewrites it).
  await chmod(file, 0o600);
  return mcpClaudeArgs(file);
}
