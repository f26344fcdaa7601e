import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TaskCreated, TaskInfo } from '../../protocol/task';
import { claudeCommand } from '../agents/adapters/claude';
import { freePort, startConsoleProcess, stopAndRemove, type ConsoleProcess } from '../pty-host/testing/console-process';
import { rest, until } from '../pty-host/testing/rest';
import { mcpTokenOf } from './agent-mcp-config';
import { connectMcp } from './testing/mcp-test-client';

/**
 * A Claude Code agent keeps its MCP tools across a restart of the web server: the pty host
 * keeps the agent running, the new console adopts its task and takes back the token the
 * agent's mcp.json still presents. (Before, an adopted agent's every MCP call was refused.)
 */
const dataDir = mkdtempSync(join(tmpdir(), 'axiom-mcp-adopt-'));
let current: ConsoleProcess | undefined;

afterAll(async () => {
  await stopAndRemove(current, dataDir);
});

describe.skipIf(claudeCommand() === null)('an adopted agent and its MCP token', () => {
  it('is accepted by the restarted console, as the same task', async () => {
    const port = await freePort();
    current = await startConsoleProcess({ dataDir, port });
    const task = await rest<TaskCreated>(current.origin, 'POST', '/api/tasks', { prompt: 'say hello', agent: 'claude', permissionMode: 'acceptEdits' });
    const origin = (): string => current?.origin ?? '';
    await until(async () => (await rest<TaskInfo>(origin(), 'GET', `/api/tasks/${task.id}`)).state === 'idle', 60_000, 'the agent to finish its turn');
    const token = mcpTokenOf(readFileSync(join(dataDir, 'agents', task.id, 'mcp.json'), 'utf8'));
    expect(token).toMatch(/^axa_/);

    const before = await connectMcp(current.origin, token ?? '');
    expect((await before.client.listTools()).tools.length).toBeGreaterThan(0);
    await before.close();

    await current.kill9();
    current = await startConsoleProcess({ dataDir, port });
    const adopted = await rest<TaskInfo>(current.origin, 'GET', `/api/tasks/${task.id}`);
    expect(adopted.sessionId).toBe(task.sessionId);

    // The same token, as the agent would present it: accepted, and known as that task
    // (its spawn becomes the task's child).
    const after = await connectMcp(current.origin, token ?? '');
    try {
      const child = await after.value<{ id: string; parentId: string | null }>('axiom_spawn', { prompt: 'echo child', agent: 'shell' });
      expect(child.parentId).toBe(task.id);
    } finally {
      await after.close();
    }
  }, 120_000);
});
