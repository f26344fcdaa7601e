import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpToolContext } from './mcp-context';
import { registerControlTools } from './mcp-tools-control';
import { registerTaskTools } from './mcp-tools-tasks';

/**
 * One McpServer with every axiom_* tool, for one caller. The SDK binds a server to one
 * transport, so the HTTP endpoint makes one per MCP session (cheap: a few closures).
 */
export const MCP_SERVER_NAME = 'axiom';

const INSTRUCTIONS =
  'Axiom Console: spawn, watch and steer other coding agents. axiom_spawn returns a task id at once; ' +
  'follow tasks with axiom_status / axiom_output / axiom_dag, or block on axiom_wait. Task state changes are ' +
  'also pushed as notifications/message (logger "axiom").';

export function createAxiomMcpServer(ctx: McpToolContext, version: string): McpServer {
  const server = new McpServer(
    { name: MCP_SERVER_NAME, version },
    { capabilities: { logging: {} }, instructions: INSTRUCTIONS },
  );
  registerTaskTools(server, ctx);
  registerControlTools(server, ctx);
  return server;
}
