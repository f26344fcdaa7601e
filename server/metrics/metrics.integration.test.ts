import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMcp } from '../mcp/testing/mcp-test-client';
import { rawRequest, startTestConsole, TEST_TOKEN, waitFor, type TestConsole } from '../transport/test-console';

/** /metrics on a real console: guarded like the API, Prometheus text, live figures, and
 * one Registry per console (two consoles in one process do not clash). */
let c: TestConsole;
let other: TestConsole;

beforeAll(async () => {
  c = await startTestConsole();
  other = await startTestConsole();
});
afterAll(async () => {
  await other.stop();
  await c.stop();
});

const scrape = async (t: TestConsole, headers: Record<string, string> = { authorization: `Bearer ${TEST_TOKEN}` }) =>
  rawRequest({ port: t.port, path: '/metrics', headers: { host: t.hostHeader, ...headers } });
const value = (text: string, series: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? Number.NaN : Number(line.slice(series.length + 1));
};

describe('/metrics', () => {
  it('is behind the token and Host guard', async () => {
    expect((await scrape(c, {})).status).toBe(401);
    expect((await scrape(c, { host: 'attacker.example', authorization: `Bearer ${TEST_TOKEN}` })).status).toBe(403);
  });

  it('counts tasks, output, spawn and detection latency; steering counters are zero', async () => {
    const before = await scrape(c);
    expect(before.status).toBe(200);
    expect(before.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of ['axiom_tasks_active', 'axiom_tasks_queued', 'axiom_tasks_ended_total', 'axiom_output_bytes_total', 'axiom_task_spawn_seconds', 'axiom_state_detection_seconds', 'axiom_mcp_spawn_seconds', 'axiom_steering_attempts_total', 'axiom_steering_acceptances_total', 'axiom_mcp_sessions']) {
      expect(before.text).toContain(`# TYPE ${name} `);
    }
    const mcp = await connectMcp(c.origin, TEST_TOKEN);
    try {
      const t = await mcp.value<{ id: string }>('axiom_spawn', { prompt: 'echo metrics-$((2*21)); sleep 0.5; exit', agent: 'shell' });
      await waitFor(async () => (c.tasks.list().find((x) => x.id === t.id)?.state === 'exited' ? true : undefined), 15_000, 'the task to exit');
      const after = (await scrape(c)).text;
      expect(value(after, 'axiom_tasks_ended_total{outcome="completed"}')).toBe(1);
      expect(value(after, 'axiom_mcp_spawn_seconds_count')).toBe(1);
      expect(value(after, 'axiom_task_spawn_seconds_count')).toBe(1);
      expect(value(after, 'axiom_state_detection_seconds_count{signal="screen"}')).toBeGreaterThan(0);
      expect(value(after, 'axiom_output_bytes_total')).toBeGreaterThan(10);
      expect(value(after, 'axiom_mcp_sessions')).toBe(1);
      expect(value(after, 'axiom_steering_attempts_total')).toBe(0);
      expect(value(after, 'axiom_tasks_active')).toBe(0);
      // The other console has its own registry: nothing of this task there.
      expect(value((await scrape(other)).text, 'axiom_mcp_spawn_seconds_count')).toBe(0);
    } finally {
      await mcp.close();
    }
  });
});
