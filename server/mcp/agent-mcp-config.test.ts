import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMcpConfig, mcpTokenOf, PRE_ALLOWED_TOOLS, writeAgentMcpConfig } from './agent-mcp-config';

describe('agent MCP config', () => {
  it('names server axiom over http with the agent token, and pre-allows every tool but approve', () => {
    expect(buildMcpConfig({ url: 'http://127.0.0.1:1/mcp', token: 'tok' })).toEqual({
      mcpServers: { axiom: { type: 'http', url: 'http://127.0.0.1:1/mcp', headers: { Authorization: 'Bearer tok' } } },
    });
    expect(PRE_ALLOWED_TOOLS).toContain('mcp__axiom__axiom_spawn');
    expect(PRE_ALLOWED_TOOLS).not.toContain('mcp__axiom__axiom_approve');
  });

  it('writes the file 0600 and returns one-token args (the options are variadic in the CLI)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'axiom-mcp-config-'));
    try {
      const args = await writeAgentMcpConfig(dir, { url: 'http://127.0.0.1:1/mcp', token: 'tok' });
      const file = join(dir, 'mcp.json');
      expect(args).toEqual([`--mcp-config=${file}`, `--allowedTools=${PRE_ALLOWED_TOOLS.join(',')}`]);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ mcpServers: { axiom: { type: 'http' } } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the token back from a config it wrote, and null from anything else', () => {
    const text = JSON.stringify(buildMcpConfig({ url: 'http://127.0.0.1:1/mcp', token: 'axa_tok' }));
    expect(mcpTokenOf(text)).toBe('axa_tok');
    expect(mcpTokenOf('{')).toBeNull();
    expect(mcpTokenOf('{"mcpServers":{"other":{"headers":{"Authorization":"Bearer x"}}}}')).toBeNull();
    expect(mcpTokenOf('{"mcpServers":{"axiom":{"headers":{"Authorization":"Basic x"}}}}')).toBeNull();
  });
});

