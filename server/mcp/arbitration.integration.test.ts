import { io as connect, type Socket } from 'socket.io-client';
import { consoleSocketOptions } from '../../protocol/socket-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events';
import type { Result } from '../../protocol/result';
import { taskApi } from '../tasks/testing/task-api';
import { startTestConsole, TEST_TOKEN, waitFor, type TestConsole } from '../transport/test-console';
import { connectMcp, type McpTestClient } from './testing/mcp-test-client';

/**
 * Arbitration on a real console: while a person types in a task's pane (pty:input from a
 * browser socket), a prompt an agent sends through MCP waits in the task's queue (what the
 * pane shows as "1 queued"), and goes in after the person has been quiet for 2 s.
 */
let c: TestConsole;
let mcp: McpTestClient;
let socket: Socket<ServerToClientEvents, ClientToServerEvents>;

beforeAll(async () => {
  c = await startTestConsole();
  mcp = await connectMcp(c.origin, TEST_TOKEN);
  socket = connect(c.origin, { ...consoleSocketOptions(TEST_TOKEN), reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
});
afterAll(async () => {
  socket.disconnect();
  await mcp.close();
  await c.stop();
});

describe('a person typing holds agent prompts back', () => {
  it('queues an MCP prompt while keystrokes arrive, delivers it once the pane is quiet', async () => {
    const api = taskApi(c);
    const t = await mcp.value<{ id: string; sessionId: string }>('axiom_spawn', { prompt: 'echo ready', agent: 'shell' });
    await mcp.value('axiom_wait', { id: t.id, timeoutMs: 10_000 });
    const type = (data: string) =>
      new Promise<void>((resolve, reject) => socket.emit('pty:input', { id: t.sessionId, data }, (r: Result<null>) => (r.ok ? resolve() : reject(new Error(r.error.message)))));
    // The person types a command, a few keys at a time.
    const typing = (async () => {
      for (const chunk of ['echo ', 'per', 'son-', '$((3', '+3))']) {
        await type(chunk);
        await new Promise((r) => setTimeout(r, 250));
      }
      await type('\r');
    })();
    await new Promise((r) => setTimeout(r, 300));
    const receipt = await mcp.value<{ status: string }>('axiom_inject', { id: t.id, text: 'echo agent-$((1+1))', mode: 'now' });
    expect(receipt.status).toBe('queued');
    expect((await api.task(t.id)).queue).toHaveLength(1);
    await typing;
    const typedAt = Date.now();
    const screen = await waitFor(async () => {
      const text = (await mcp.value<{ text: string }>('axiom_output', { id: t.id })).text;
      return text.includes('agent-2') ? text : undefined;
    }, 10_000, 'the held prompt to go in');
    // Not before the pane had been quiet for the arbitration time, and never mixed into
    // the person's line.
    expect(Date.now() - typedAt).toBeGreaterThanOrEqual(1_800);
    expect(screen).toContain('person-6');
    expect(screen.indexOf('person-6')).toBeLessThan(screen.indexOf('agent-2'));
    expect(screen).not.toMatch(/echo [^\n]*echo/);
    expect((await api.task(t.id)).queue).toHaveLength(0);
  }, 30_000);
});
