import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaskCreated, TaskInfo } from '../../protocol/task';
import { claudeCommand } from '../agents/adapters/claude';
import { consoleForFile } from '../tasks/testing/task-api';
import { rawRequest, TEST_TOKEN, waitFor } from '../transport/test-console';
import { connectMcp } from './testing/mcp-test-client';

/**
 * The real Claude Code CLI (against the built-in scripted model) given the console's MCP
 * server through --mcp-config: a `spawn-children` turn calls mcp__axiom__axiom_spawn twice
 * with the agent's own token, and two children appear under it in the task tree. Then the
 * agent's token itself: it works on /mcp only, as that agent, within its own subtree.
 */
const suite = consoleForFile({ AXIOM_MAX_RUNNING: '4' });
const { api } = suite;

describe.skipIf(claudeCommand() === null)('Claude Code spawning children through MCP', () => {
  let parent: TaskInfo;

  it('a spawn-children turn makes two child tasks whose parent is the calling agent', async () => {
    const created = await api.value<TaskCreated>(api.call('POST', '/api/tasks', { prompt: 'spawn-children', agent: 'claude', permissionMode: 'acceptEdits' }));
    parent = await api.waitState(created.id, 'idle', 90_000, (t) => t.children.length >= 2);
    expect(parent.children).toHaveLength(2);
    const kids = await Promise.all(parent.children.map((id) => api.task(id)));
    expect(kids.map((k) => k.parentId)).toEqual([parent.id, parent.id]);
    expect(kids.map((k) => k.name).sort()).toEqual(['child one: say hello', 'child two: say hello']);
    expect(await api.screen(parent.sessionId ?? '')).toContain('Spawned two children.');
    // The children run (Claude too, by default) and answer.
    for (const k of kids) {
      const done = await api.waitState(k.id, 'idle', 90_000, (t) => t.status?.signal !== 'silence');
      await waitFor(async () => ((await api.screen(done.sessionId ?? '')).includes('Hello from the scripted model.') ? true : undefined), 30_000, 'a child answer');
    }
    // Their results reach the parent: one report per child, delivered as prompts it answers.
    const reported = await api.waitState(parent.id, 'idle', 90_000, (t) => t.receipts.filter((r) => r.text.startsWith('[axiom] child task') && r.status === 'submitted').length === 2);
    expect(reported.receipts.filter((r) => r.text.startsWith('[axiom] child task')).map((r) => r.text).join('\n')).toMatch(/finished its turn\. Last line: .*Hello from the scripted model/);
  }, 200_000);

  it('wrote the agent\'s MCP config 0600 with its own token; that token opens /mcp only, as that agent', async () => {
    const file = join(suite.console.dataDir, 'agents', parent.id, 'mcp.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const config = JSON.parse(readFileSync(file, 'utf8')) as { mcpServers: { axiom: { type: string; url: string; headers: { Authorization: string } } } };
    expect(config.mcpServers.axiom).toMatchObject({ type: 'http', url: `${suite.console.origin}/mcp` });
    const token = config.mcpServers.axiom.headers.Authorization.replace(/^Bearer /, '');
    expect(token).not.toBe(TEST_TOKEN);

    // Not the REST API.
    const rest = await rawRequest({ port: suite.console.port, path: '/api/tasks', headers: { host: suite.console.hostHeader, authorization: `Bearer ${token}` } });
    expect(rest.status).toBe(401);

    const agent = await connectMcp(suite.console.origin, token);
    const console_ = await connectMcp(suite.console.origin, TEST_TOKEN);
    try {
      // Spawned by the agent: a child of the agent's task, by default.
      const kid = await agent.value<{ id: string; parentId: string }>('axiom_spawn', { prompt: 'echo from-the-agent', agent: 'shell' });
      expect(kid.parentId).toBe(parent.id);
      expect((await api.task(parent.id)).children).toContain(kid.id);
      await agent.value('axiom_interrupt', { id: kid.id });
      // A task the agent did not spawn is out of its reach; the console's is not.
      const other = await console_.value<{ id: string }>('axiom_spawn', { prompt: 'sleep 30', agent: 'shell' });
      expect(await agent.error('axiom_interrupt', { id: other.id })).toMatch(/^refused:scope/);
      expect(await agent.error('axiom_spawn', { prompt: 'x', agent: 'shell', parentId: other.id })).toMatch(/^refused:scope/);
      const byPattern = await agent.value<{ interrupted: unknown[] }>('axiom_interrupt', { pattern: 'sleep*' });
      expect(byPattern.interrupted).toEqual([]);
      // Its default tree is its own.
      const dag = await agent.value<{ tree: Array<{ id: string }> }>('axiom_dag');
      expect(dag.tree.map((n) => n.id)).toEqual([parent.id]);
      await suite.console.tasks.stop(other.id as TaskInfo['id'], { subtree: true });
    } finally {
      await agent.close();
      await console_.close();
    }
  }, 60_000);

  it('revokes the agent\'s token when its task ends', async () => {
    const file = join(suite.console.dataDir, 'agents', parent.id, 'mcp.json');
    const token = (JSON.parse(readFileSync(file, 'utf8')) as { mcpServers: { axiom: { headers: { Authorization: string } } } }).mcpServers.axiom.headers.Authorization.replace(/^Bearer /, '');
    await suite.console.tasks.stop(parent.id, { subtree: true });
    const res = await rawRequest({
      port: suite.console.port,
      method: 'POST',
      path: '/mcp',
      headers: { host: suite.console.hostHeader, authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } }),
    });
    expect(res.status).toBe(401);
  });
});
