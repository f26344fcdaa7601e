import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mcpTokenOf } from '../mcp/agent-mcp-config';
import { agentDirOf } from './task-launch';

/**
 * What an adopted task's agent still presents (see TaskService.adopt): the hook secret and
 * the MCP token its launch wrote to its private folder. Null for what is not there (not
 * every agent kind writes every file) or is not well formed.
 */
export function readAdoptedSecrets(dataDir: string, taskId: string): { hookSecret: Buffer | null; mcpToken: string | null } {
  const dir = agentDirOf(dataDir, taskId);
  const hex = readPrivateFile(join(dir, 'hook-secret'))?.trim() ?? '';
  return {
    hookSecret: /^[0-9a-f]{16,}$/.test(hex) ? Buffer.from(hex, 'hex') : null,
    mcpToken: mcpTokenOf(readPrivateFile(join(dir, 'mcp.json')) ?? ''),
  };
}

function readPrivateFile(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
