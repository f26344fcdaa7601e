import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TaskInfo } from '../../protocol/task';
import { taskApi } from '../tasks/testing/task-api';
import { rawRequest, startTestConsole, TEST_TOKEN, waitFor, type TestConsole } from '../transport/test-console';
import type { TaskSummary } from './mcp-context';
import type { TaskNotice } from './task-notices';
import type { TreeNode } from './task-tree';
import { connectMcp, type McpTestClient } from './testing/mcp-test-client';

/**
 * Every axiom_* tool driven by the official SDK's client over Streamable HTTP against a real
 * console (real PTYs, bash as the agent), plus the guard on /mcp. Claude agents spawning
 * through MCP with their own tokens: mcp-claude.integration.test.ts.
 */
let c: TestConsole;
let mcp: McpTestClient;
let api: ReturnType<typeof taskApi>;

beforeAll(async () => {
  c = await startTestConsole({ AXIOM_MAX_RUNNING: '6' });
  api = taskApi(c);
  mcp = await connectMcp(c.origin, TEST_TOKEN);
});
afterAll(async () => {
  await mcp.close();
  await c.stop();
});
afterEach(async () => {
  for (const t of c.tasks.list()) if (!['exited', 'failed', 'stopped'].includes(t.state)) await c.tasks.stop(t.id, { subtree: true });
});

type Spawned = { id: TaskInfo['id']; sessionId: string | null; parentId: string | null };
const spawnShell = (prompt: string, extra: Record<string, unknown> = {}) => mcp.value<Spawned>('axiom_spawn', { prompt, agent: 'shell', ...extra });
const waitText = (id: string, text: string) =>
  waitFor(async () => {
    const out = await mcp.value<{ text: string }>('axiom_output', { id });
    return out.text.includes(text) ? out.text : undefined;
  }, 15_000, `"${text}" on ${id}'s screen`);

describe('the MCP server on /mcp (official SDK client, shell agents)', () => {
  it('lists every tool', async () => {
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      ['axiom_approve', 'axiom_dag', 'axiom_inject', 'axiom_interrupt', 'axiom_output', 'axiom_spawn', 'axiom_status', 'axiom_steer', 'axiom_wait'],
    );
    expect(tools.find((t) => t.name === 'axiom_steer')?.description).toMatch(/accept that steering suggestion/);
  });

  it('spawns at once, waits until the task settles, reads its output (screen and tail) and pushes state notices', async () => {
    const t = await spawnShell('sleep 1; echo spawned-$((6*7))');
    expect(t.id).toMatch(/^t-/);
    expect(t.parentId).toBeNull();
    const waited = await mcp.value<{ timedOut: boolean; task: TaskSummary }>('axiom_wait', { id: t.id, timeoutMs: 20_000 });
    expect(waited.timedOut).toBe(false);
    expect(waited.task.state).toBe('idle');
    const screen = await waitText(t.id, 'spawned-42');
    const tail = await mcp.value<{ text: string }>('axiom_output', { id: t.id, lines: 1 });
    expect(tail.text.split('\n')).toHaveLength(1);
    expect(screen.length).toBeGreaterThanOrEqual(tail.text.length);
    const one = await mcp.value<TaskSummary>('axiom_status', { id: t.id });
    expect(one).toMatchObject({ id: t.id, agent: 'shell', state: 'idle' });
    const all = await mcp.value<{ tasks: TaskSummary[] }>('axiom_status');
    expect(all.tasks.map((x) => x.id)).toContain(t.id);
    // Pushed on the session's GET stream: busy and idle for this task at least.
    const notices = await waitFor(async () => {
      const mine = mcp.notices.filter((n): n is TaskNotice => (n as TaskNotice).id === t.id);
      return mine.some((n) => n.state === 'idle') ? mine : undefined;
    }, 10_000, 'task:state notices');
    expect(notices.map((n) => n.state)).toContain('busy');
  });

  it('records the parent given to axiom_spawn and shows the tree in axiom_dag', async () => {
    const parent = await spawnShell('echo parent');
    const child = await spawnShell('echo child', { parentId: parent.id });
    expect(child.parentId).toBe(parent.id);
    const dag = await mcp.value<{ tree: TreeNode[] }>('axiom_dag', { rootId: parent.id });
    expect(dag.tree[0]?.children.map((n) => n.id)).toEqual([child.id]);
    const text = await mcp.call('axiom_dag', {});
    expect(JSON.stringify(text.content)).toContain(`  ${child.id}`);
  });

  it('a child spawned with report: true reports back to its parent as a queued prompt', async () => {
    const parent = await spawnShell('echo parent-ready');
    await waitText(parent.id, 'parent-ready');
    const child = await spawnShell('sleep 0.5; echo kid-$((5*5))', { parentId: parent.id, report: true, name: 'reporting kid' });
    const p = await api.waitState(parent.id, 'idle', 15_000, (t) => t.receipts.some((r) => r.text.startsWith(`[axiom] child task ${child.id} "reporting kid" finished its turn`)));
    expect(p.receipts.at(-1)?.text).toMatch(/Last line: /);
  });

  it('injects (queue and now) and steers: the text reaches the agent', async () => {
    const t = await spawnShell('echo ready');
    await waitText(t.id, 'ready');
    const queued = await mcp.value<{ status: string }>('axiom_inject', { id: t.id, text: 'echo injected-$((2+3))' });
    expect(['queued', 'typed', 'submitted']).toContain(queued.status);
    await waitText(t.id, 'injected-5');
    await mcp.value('axiom_inject', { id: t.id, text: 'echo now-$((4+4))', mode: 'now' });
    await waitText(t.id, 'now-8');
    await mcp.value('axiom_steer', { id: t.id, message: 'echo steered-$((3+4))' });
    await waitText(t.id, 'steered-7');
  });

  it('interrupts one task, or every running task whose name matches a pattern', async () => {
    const one = await spawnShell('sleep 30', { name: 'single sleeper' });
    await api.waitState(one.id, 'busy', 10_000);
    const r = await mcp.value<{ interrupted: Array<{ id: string; outcomes: Array<{ outcome: string }> }> }>('axiom_interrupt', { id: one.id });
    expect(r.interrupted[0]?.outcomes[0]?.outcome).toBe('stopped');
    const a = await spawnShell('sleep 30', { name: 'loop-a' });
    const b = await spawnShell('sleep 30', { name: 'Loop-b' });
    await Promise.all([a, b].map((x) => api.waitState(x.id, 'busy', 10_000)));
    const many = await mcp.value<{ interrupted: Array<{ id: string }> }>('axiom_interrupt', { pattern: 'loop-*' });
    expect(many.interrupted.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(await mcp.error('axiom_interrupt', {})).toMatch(/^invalid:payload/);
  });

  it('answers refusals as tool errors with the kind:surface code', async () => {
    const t = await spawnShell('echo idle-now');
    expect(await mcp.error('axiom_approve', { id: t.id })).toMatch(/^refused:not-waiting/);
    expect(await mcp.error('axiom_status', { id: 't-000000' })).toMatch(/^not_found:task/);
    expect(await mcp.error('axiom_spawn', { prompt: 'x', parentId: 't-000000' })).toMatch(/^not_found:task/);
    // zod bounds, checked by the SDK before the tool runs.
    expect((await mcp.call('axiom_spawn', { prompt: 'x'.repeat(40_000) })).isError).toBe(true);
  });

  it('limits spawns per caller per minute (refused:rate-limit), per session for the console token', async () => {
    const burst = await connectMcp(c.origin, TEST_TOKEN);
    try {
      for (let i = 0; i < 30; i++) await burst.value('axiom_spawn', { prompt: 'exit', agent: 'shell' });
      expect(await burst.error('axiom_spawn', { prompt: 'exit', agent: 'shell' })).toMatch(/^refused:rate-limit: .*retry in \d+ s/);
      // Another session has its own budget.
      await mcp.value('axiom_spawn', { prompt: 'exit', agent: 'shell' });
    } finally {
      await burst.close();
    }
  }, 60_000);

  it('axiom_wait sends progress notifications on state changes while it waits', async () => {
    const t = await spawnShell('sleep 1; echo waited');
    const progress: string[] = [];
    const r = await mcp.client.callTool({ name: 'axiom_wait', arguments: { id: t.id, timeoutMs: 15_000 } }, undefined, {
      onprogress: (p) => progress.push(p.message ?? ''),
    });
    expect(r.isError).not.toBe(true);
    expect(progress).toContain(`${t.id} is busy`);
  });

  it('axiom_wait gives up at its timeout and says so', async () => {
    const t = await spawnShell('sleep 30');
    await api.waitState(t.id, 'busy', 10_000);
    const waited = await mcp.value<{ timedOut: boolean; task: TaskSummary }>('axiom_wait', { id: t.id, timeoutMs: 300 });
    expect(waited).toMatchObject({ timedOut: true, task: { state: 'busy' } });
  });
});

describe('the guard on /mcp', () => {
  const init = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } });
  const post = (headers: Record<string, string>) =>
    rawRequest({ port: c.port, method: 'POST', path: '/mcp', headers: { host: c.hostHeader, 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body: init });
  const codeOf = (r: { json: unknown }) => (r.json as { error?: { code: string } }).error?.code;

  it('refuses a missing or wrong token', async () => {
    expect((await post({})).status).toBe(401);
    const wrong = await post({ authorization: 'Bearer not-the-token' });
    expect([wrong.status, codeOf(wrong)]).toEqual([401, 'refused:unauthorized']);
  });

  it('refuses a DNS-rebinding Host and a foreign Origin, even with the right token', async () => {
    const rebound = await post({ host: `attacker.example:${c.port}`, authorization: `Bearer ${TEST_TOKEN}` });
    expect([rebound.status, codeOf(rebound)]).toEqual([403, 'refused:host']);
    const foreign = await post({ origin: 'http://attacker.example', authorization: `Bearer ${TEST_TOKEN}` });
    expect([foreign.status, codeOf(foreign)]).toEqual([403, 'refused:origin']);
  });

  it('accepts the console token and opens a session; an unknown session id is a 404', async () => {
    const ok = await post({ authorization: `Bearer ${TEST_TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.headers['mcp-session-id']).toMatch(/^[0-9a-f-]{36}$/);
    const stale = await post({ authorization: `Bearer ${TEST_TOKEN}`, 'mcp-session-id': '00000000-0000-0000-0000-000000000000' });
    expect(stale.status).toBe(404);
  });
});
