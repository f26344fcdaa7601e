import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { err } from '../../protocol/result';
import { guardHttp, guardUpgrade, setSecurityHeaders } from '../security/http-guard';
import type { SecurityPolicy } from '../security/request-guard';
import { MCP_PATH, type McpEndpoint } from '../mcp/mcp-endpoint';
import { METRICS_PATH, type ConsoleMetrics } from '../metrics/console-metrics';
import type { TaskService } from '../tasks/task-service';
import { AGENT_HOOKS_PREFIX, handleAgentHook } from './agent-hooks';
import type { HistoryHandler } from './history-api';
import { sendResult } from './http-io';
import type { NextApp } from './next-app';
import type { RestHandler } from './rest-api';
import { SOCKET_IO_PATH } from './socket-server';

const API_PREFIX = '/api/';

export interface HttpDispatchOptions {
  /** Read per request: the allow-lists name the bound port, known only after listen. */
  policy: () => SecurityPolicy;
  tasks: TaskService;
  mcp: Pick<McpEndpoint, 'handle'>;
  metrics: Pick<ConsoleMetrics, 'handle'>;
  history: HistoryHandler;
  rest: RestHandler;
  /** The dashboard, when this instance serves it: `ready` while Next starts, `app` after. */
  next: () => { ready: Promise<NextApp> | undefined; app: NextApp | undefined };
}

export interface HttpDispatch {
  handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** For the server's 'upgrade' event; socket.io's own listener takes its path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/**
 * Where each request goes. Request path: security headers → Host/Origin/credential guard →
 * /health and /api/* to the history and REST APIs, /mcp and /metrics to theirs, the rest
 * to Next. Agent hooks carry a per-task secret instead of the token (agent-hooks.ts).
 */
export function createHttpDispatch(o: HttpDispatchOptions): HttpDispatch {
  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    const path = pathOf(req);
    const policy = o.policy();
    if (path.startsWith(AGENT_HOOKS_PREFIX)) return handleAgentHook(req, res, { tasks: o.tasks, lists: policy.lists, path });
    // /mcp: the same Host/Origin/token guard, plus per-agent tokens (that surface only).
    if (path === MCP_PATH) return guardHttp(req, res, policy, 'mcp') ? o.mcp.handle(req, res) : undefined;
    if (path === METRICS_PATH) return guardHttp(req, res, policy, 'api') ? o.metrics.handle(req, res) : undefined;
    const isApi = path === '/health' || path.startsWith(API_PREFIX) || path === '/api';
    if (!guardHttp(req, res, policy, isApi ? 'api' : 'page')) return;
    if (isApi && (await o.history(req, res))) return;
    if (isApi) return o.rest(req, res);
    const ready = o.next().ready;
    if (ready === undefined) {
      sendResult(res, err('not_found:route', 'the dashboard is not served by this instance'));
      return;
    }
    const app = await ready;
    await app.handleRequest(req, res);
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (pathOf(req).startsWith(`${SOCKET_IO_PATH}/`)) return; // socket.io's own listener
    if (!guardUpgrade(req, socket, o.policy())) return;
    const app = o.next().app;
    if (app?.handleUpgrade === undefined) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    app.handleUpgrade(req, socket, head);
  }

  return { handleRequest, handleUpgrade };
}

function pathOf(req: IncomingMessage): string {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  return q === -1 ? raw : raw.slice(0, q);
}
