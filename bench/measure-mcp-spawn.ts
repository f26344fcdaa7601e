import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { summarize, type Summary } from './lib/stats';

/**
 * axiom_spawn latency as an orchestrating agent sees it: C MCP clients (the official SDK
 * over Streamable HTTP, one session each, like C concurrent agents) each call axiom_spawn
 * in a loop until N shell tasks are spawned; each sample is one tool call, request to
 * result (the task id, with its session running). Each task runs `exit`, so slots free up
 * and no spawn is answered from the scheduler's queue instead of a real start.
 */
export interface McpSpawnResult {
  spawns: number;
  concurrentAgents: number;
  latencyMs: Summary;
  /** Spawns whose answer had no session (queued behind the concurrency limit). */
  queued: number;
  spawnsPerSec: number;
}

export async function measureMcpSpawn(origin: string, token: string, spawns: number, concurrency: number): Promise<McpSpawnResult> {
  const clients = await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      const client = new Client({ name: `bench-agent-${i}`, version: '0' });
      const transport = new StreamableHTTPClientTransport(new URL('/mcp', origin), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
      await client.connect(transport);
      return { client, transport };
    }),
  );
  const samples: number[] = [];
  let queued = 0;
  let next = 0;
  const startedAt = performance.now();
  try {
    await Promise.all(
      clients.map(async ({ client }) => {
        while (next < spawns) {
          next += 1;
          const t0 = performance.now();
          const r = await client.callTool({ name: 'axiom_spawn', arguments: { prompt: 'exit', agent: 'shell', name: `bench ${next}` } });
          samples.push(performance.now() - t0);
          if (r.isError === true) throw new Error(`axiom_spawn failed: ${JSON.stringify(r.content)}`);
          if ((r.structuredContent as { sessionId: string | null }).sessionId === null) queued += 1;
        }
      }),
    );
  } finally {
    for (const { client, transport } of clients) {
      await transport.terminateSession();
      await client.close();
    }
  }
  const seconds = (performance.now() - startedAt) / 1000;
  return { spawns: samples.length, concurrentAgents: concurrency, latencyMs: summarize(samples), queued, spawnsPerSec: Math.round((samples.length / seconds) * 10) / 10 };
}
