import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events';
import type { Result } from '../../protocol/result';
import { consoleSocketOptions } from '../../protocol/socket-parser';
import type { Suggestion } from '../../protocol/steering';
import { taskApi } from '../tasks/testing/task-api';
import { rawRequest, startTestConsole, TEST_TOKEN, waitFor, type TestConsole } from '../transport/test-console';
import { connectMcp, type McpTestClient } from './testing/mcp-test-client';

/**
 * axiom_steer accepting a steering suggestion: a shell task busy with no output raises
 * "silent-while-busy" (threshold 1 s here); axiom_status lists it, axiom_steer accepts it
 * (interrupt, then the message), and /metrics counts the attempt and the acceptance.
 */
let c: TestConsole;
let mcp: McpTestClient;

beforeAll(async () => {
  c = await startTestConsole({}, { 'steering.json': JSON.stringify({ 'silent-while-busy': { thresholds: { silentSeconds: 1 }, message: 'echo steered-by-suggestion' } }) });
  mcp = await connectMcp(c.origin, TEST_TOKEN);
});
afterAll(async () => {
  await mcp.close();
  await c.stop();
});

let acceptedId: string | undefined;

type Status = { state: string; suggestions: Array<{ id: string; title: string; message: string }> };

describe('axiom_steer with a suggestion', () => {
  it('lists the open suggestion in axiom_status, accepts it, and counts it in /metrics', async () => {
    const t = await mcp.value<{ id: string }>('axiom_spawn', { prompt: 'sleep 30', agent: 'shell' });
    const status = await waitFor(async () => {
      const s = await mcp.value<Status>('axiom_status', { id: t.id });
      return s.suggestions.length > 0 ? s : undefined;
    }, 15_000, 'a silent-while-busy suggestion');
    const suggestion = status.suggestions[0];
    expect(suggestion?.message).toBe('echo steered-by-suggestion');
    expect(await mcp.error('axiom_steer', { id: t.id, suggestionId: 'g-000000' })).toMatch(/^(invalid|not_found)/);
    const accepted = await mcp.value<{ state: string }>('axiom_steer', { id: t.id, suggestionId: suggestion?.id });
    expect(accepted.state).toBe('accepted');
    await waitFor(async () => ((await mcp.value<{ text: string }>('axiom_output', { id: t.id })).text.includes('steered-by-suggestion\n') ? true : undefined), 15_000, 'the accepted message to run');
    const metrics = await rawRequest({ port: c.port, path: '/metrics', headers: { host: c.hostHeader, authorization: `Bearer ${TEST_TOKEN}` } });
    expect(metrics.text).toMatch(/^axiom_steering_attempts_total [1-9]/m);
    expect(metrics.text).toMatch(/^axiom_steering_acceptances_total 1$/m);
    // The intervention is recorded as a steer by the API.
    const history = await taskApi(c).call('GET', `/api/history/tasks/${t.id}`);
    expect(history.text).toContain('steered-by-suggestion');
    acceptedId = suggestion?.id;
  }, 40_000);

  it('a dashboard that (re)connects lists the last resolved suggestions after the pending ones, when it asks', async () => {
    expect(acceptedId).toBeDefined();
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(c.origin, { ...consoleSocketOptions(TEST_TOKEN), reconnection: false, forceNew: true });
    const list = (req: unknown) => new Promise<Result<Suggestion[]>>((resolve) => socket.emit('suggestion:list', req as never, resolve));
    try {
      const pending = await list({});
      expect(pending.ok && pending.value.map((x) => x.id)).not.toContain(acceptedId);
      const withRecent = await list({ recent: 100 });
      expect(withRecent.ok && withRecent.value.find((x) => x.id === acceptedId)?.state).toBe('accepted');
      const none = await list({ recent: 0 });
      expect(none.ok && none.value.map((x) => x.id)).not.toContain(acceptedId);
      for (const bad of [{ recent: 101 }, { recent: -1 }, { recent: 1.5 }, { recent: '5' }]) {
        const r = await list(bad);
        expect(!r.ok && r.error.code).toBe('invalid:payload');
      }
    } finally {
      socket.disconnect();
    }
  }, 20_000);
});
