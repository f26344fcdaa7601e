import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { LIMITS } from '../../protocol/limits';
import { FINAL_TASK_STATES, type TaskId } from '../../protocol/task';
import type { Logger } from '../logger';
import { readBearer } from '../security/token';
import type { SessionHost } from '../sessions/session-host';
import type { SteeringService } from '../steering/steering-service';
import type { TaskService } from '../tasks/task-service';
import type { AgentTokens } from './agent-tokens';
import { inScope, type McpCaller } from './mcp-context';
import { createAxiomMcpServer } from './mcp-server';
import { ChildReports } from './child-reports';
import { SPAWN_LIMIT, SpawnLimiter } from './spawn-limiter';
import { TaskNotices, type TaskNotice } from './task-notices';

/**
 * `/mcp`: MCP over Streamable HTTP, session-based. Why sessions and not stateless: task
 * state changes are pushed to clients (notifications/message on the session's GET stream),
 * and a stateless server has no stream to push on. Each session is bound to the caller
 * that opened it (the console token or one agent's token); a request carrying another
 * caller's credential is refused, so an agent cannot ride someone else's session.
 * Runs after the security guard (Host, Origin, token) in http-server.ts.
 */
export const MCP_PATH = '/mcp';

const MCP_SESSIONS = {
  /** Each session holds a server and maybe an open SSE stream; a cap bounds memory when a
   * client leaks sessions (reconnects without DELETE). */
  max: 256,
  /** A session with no open request for this long is closed (a client that died). */
  idleMs: 30 * 60_000,
  sweepEveryMs: 60_000,
} as const;

interface McpSession {
  caller: McpCaller;
  server: McpServer;
  transport: StreamableHTTPServerTransport;
  lastUsedMs: number;
  openRequests: number;
}

export interface McpEndpointOptions {
  tasks: TaskService;
  host: SessionHost;
  steering?: Pick<SteeringService, 'accept' | 'list'>;
  agentTokens: AgentTokens;
  log: Logger;
  version: string;
  onSpawned?: (ms: number) => void;
}

export interface McpEndpoint {
  /** Handles a request the guard already allowed. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  sessionCount(): number;
  close(): Promise<void>;
}

export function createMcpEndpoint(o: McpEndpointOptions): McpEndpoint {
  const sessions = new Map<string, McpSession>();
  const limiter = new SpawnLimiter(SPAWN_LIMIT);
  const notices = new TaskNotices();
  const reports = new ChildReports({ tasks: o.tasks, log: o.log });

  const closeSession = (id: string): void => {
    const s = sessions.get(id);
    if (s === undefined) return;
    sessions.delete(id);
    void s.server.close().catch((error: unknown) => o.log.log('warn', `mcp session ${id} close failed`, error));
  };

  const push = (notice: TaskNotice): void => {
    for (const [id, s] of sessions) {
      // An agent hears about the tasks it spawned (its descendants), the console about all.
      if (s.caller.kind === 'agent' && (notice.id === s.caller.taskId || !inScope(o.tasks, s.caller, notice.id))) continue;
      s.server.server
        .sendLoggingMessage({ level: 'info', logger: 'axiom', data: notice }, id)
        .catch((error: unknown) => o.log.log('debug', `mcp notification to ${id} dropped`, error));
    }
  };

  const endAgent = (taskId: TaskId): void => {
    // Its process is gone: its token and sessions must not outlive it.
    o.agentTokens.revoke(taskId);
    for (const [id, s] of sessions) if (s.caller.kind === 'agent' && s.caller.taskId === taskId) closeSession(id);
  };

  const unsubscribe = o.tasks.onEvent((e) => {
    if (e.type === 'task:removed') {
      notices.forget(e.id);
      endAgent(e.id);
      return;
    }
    const notice = notices.update(e.task);
    if (notice !== null) push(notice);
    if (FINAL_TASK_STATES.has(e.task.state)) endAgent(e.task.id);
  });

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [id, s] of sessions) if (s.openRequests === 0 && now - s.lastUsedMs > MCP_SESSIONS.idleMs) closeSession(id);
    limiter.prune();
  }, MCP_SESSIONS.sweepEveryMs);
  sweep.unref();

  const callerOf = (req: IncomingMessage): McpCaller => {
    const bearer = readBearer(firstHeader(req.headers.authorization));
    const agent = bearer === undefined ? null : o.agentTokens.taskOf(bearer);
    return agent === null ? { kind: 'console' } : { kind: 'agent', taskId: agent };
  };

  async function openSession(req: IncomingMessage, res: ServerResponse, caller: McpCaller): Promise<void> {
    if (sessions.size >= MCP_SESSIONS.max) {
      return jsonRpcError(res, 429, 'too many MCP sessions; close one (DELETE /mcp) and retry');
    }
    const limiterKey = caller.kind === 'agent' ? caller.taskId : `console:${randomUUID()}`;
    const server = createAxiomMcpServer({ tasks: o.tasks, host: o.host, steering: o.steering, caller, limiter, limiterKey, reports, onSpawned: o.onSpawned }, o.version);
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      maxRequestBodySize: LIMITS.maxRestBodyBytes,
      onsessioninitialized: (id) => {
        sessions.set(id, { caller, server, transport, lastUsedMs: Date.now(), openRequests: 0 });
      },
      onsessionclosed: (id) => closeSession(id),
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
    // Not an initialize request (the transport answered 400): nothing to keep.
    if (transport.sessionId === undefined) await server.close();
  }

  return {
    async handle(req, res) {
      const caller = callerOf(req);
      const sessionId = firstHeader(req.headers['mcp-session-id']);
      if (sessionId === undefined) {
        if (req.method !== 'POST') return jsonRpcError(res, 400, 'no MCP session: POST an initialize request first');
        return openSession(req, res, caller);
      }
      const s = sessions.get(sessionId);
      // 404 tells a client to start a new session (the spec's answer for an unknown id).
      if (s === undefined) return jsonRpcError(res, 404, 'unknown or expired MCP session');
      if (!sameCaller(s.caller, caller)) return jsonRpcError(res, 403, 'this MCP session belongs to another caller');
      s.lastUsedMs = Date.now();
      s.openRequests += 1;
      res.once('close', () => {
        s.openRequests -= 1;
        s.lastUsedMs = Date.now();
      });
      await s.transport.handleRequest(req, res);
    },
    sessionCount: () => sessions.size,
    async close() {
      clearInterval(sweep);
      unsubscribe();
      reports.dispose();
      const all = [...sessions.values()];
      sessions.clear();
      await Promise.all(all.map((s) => s.server.close().catch((error: unknown) => o.log.log('warn', 'mcp session close failed at shutdown', error))));
    },
  };
}

function sameCaller(a: McpCaller, b: McpCaller): boolean {
  return a.kind === 'console' ? b.kind === 'console' : b.kind === 'agent' && a.taskId === b.taskId;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function jsonRpcError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}
