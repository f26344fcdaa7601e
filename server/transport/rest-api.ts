import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseSessionId } from '../../protocol/ids';
import { LIMITS } from '../../protocol/limits';
import { err, ok } from '../../protocol/result';
import {
  createSessionInputSchema,
  restInjectBodySchema,
  restInputBodySchema,
  restResizeBodySchema,
} from '../../protocol/session';
import type { Logger } from '../logger';
import type { SessionHost } from '../sessions/session-host';
import { sendResult, serveRoute } from './http-io';
import { createRouter, itemRoutes, plain, reply, withBody, type RouteEntry, type RouteHandler } from './router';
import type { TaskService } from '../tasks/task-service';
import { buildTaskRoutes } from './task-routes';
import type { SteeringService } from '../steering/steering-service';
import { buildSteeringRoutes, type ProofSource } from './steering-routes';

/**
 * The REST API. Each route parses (path id, query, JSON body), calls one host request and
 * replies with its Result; the HTTP status comes from the error code.
 *
 *   GET    /health                        → {status:'ok', instances:{active, limit}, uptime, version}
 *   POST   /api/sessions                  {command, args?, cwd?, env?, name?, cols?, rows?, interruptKey?} → 201
 *   GET    /api/sessions
 *   GET    /api/sessions/:id
 *   DELETE /api/sessions/:id              kill and remove
 *   POST   /api/sessions/:id/input        {data}
 *   POST   /api/sessions/:id/inject       {text, submit?}
 *   POST   /api/sessions/:id/interrupt
 *   POST   /api/sessions/:id/resize       {cols, rows}
 *   POST   /api/sessions/:id/kill
 *   POST   /api/sessions/:id/restart
 *   GET    /api/sessions/:id/screen       (?format=text → text/plain)
 *   Tasks: see task-routes.ts.
 */
export interface RestApiOptions {
  host: SessionHost;
  log: Logger;
  /** package.json version, reported by /health. */
  version: string;
  /** When the server started (Date.now()), for /health's uptime. */
  startedAtMs: number;
  /** The task routes (/api/tasks...), when the console runs tasks. */
  tasks?: TaskService;
  /** Suggestions, broadcast, proofs and diffs (needs tasks). */
  steering?: { service: SteeringService; proofs: ProofSource };
}

export type RestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createRestApi(options: RestApiOptions): RestHandler {
  const { tasks, steering } = options;
  const router = createRouter([
    ...buildRoutes(options),
    ...(tasks === undefined ? [] : buildTaskRoutes(tasks)),
    ...(tasks === undefined || steering === undefined ? [] : buildSteeringRoutes({ tasks, steering: steering.service, proofs: steering.proofs })),
  ]);
  return async (req, res) => {
    if (await serveRoute(router, req, res, { log: options.log, maxBodyBytes: LIMITS.maxRestBodyBytes })) return;
    sendResult(res, err('not_found:route', `no route for ${new URL(req.url ?? '/', 'http://placeholder').pathname}`));
  };
}

/** A malformed id names no session, so it is a 404 like an unknown one. */
const onSession = itemRoutes(parseSessionId, err('not_found:session', 'no such session'));

function buildRoutes({ host, version, startedAtMs }: RestApiOptions): RouteEntry<RouteHandler>[] {
  return [
    {
      method: 'GET',
      pattern: '/health',
      handler: plain(async () => {
        const stats = await host.request({ type: 'stats' });
        if (!stats.ok) return { result: stats };
        const uptime = Math.round((Date.now() - startedAtMs) / 1000);
        const instances = { active: stats.value.active, limit: stats.value.limit };
        return { result: ok({ status: 'ok', instances, uptime, version }) };
      }),
    },
    {
      method: 'POST',
      pattern: '/api/sessions',
      handler: withBody(createSessionInputSchema, (input) => reply(host.request({ type: 'create', input }), 201)),
    },
    { method: 'GET', pattern: '/api/sessions', handler: plain(() => reply(host.request({ type: 'list' }))) },
    { method: 'GET', pattern: '/api/sessions/:id', handler: onSession.plain((id) => reply(host.request({ type: 'get', id }))) },
    { method: 'DELETE', pattern: '/api/sessions/:id', handler: onSession.plain((id) => reply(host.request({ type: 'remove', id }))) },
    {
      method: 'POST',
      pattern: '/api/sessions/:id/input',
      handler: onSession.withBody(restInputBodySchema, (id, body) => reply(host.request({ type: 'input', id, data: body.data }))),
    },
    {
      method: 'POST',
      pattern: '/api/sessions/:id/inject',
      handler: onSession.withBody(restInjectBodySchema, (id, body) =>
        reply(host.request({ type: 'inject', id, text: body.text, submit: body.submit })),
      ),
    },
    {
      method: 'POST',
      pattern: '/api/sessions/:id/resize',
      handler: onSession.withBody(restResizeBodySchema, (id, body) =>
        reply(host.request({ type: 'resize', id, cols: body.cols, rows: body.rows })),
      ),
    },
    { method: 'POST', pattern: '/api/sessions/:id/interrupt', handler: onSession.plain((id) => reply(host.request({ type: 'interrupt', id }))) },
    { method: 'POST', pattern: '/api/sessions/:id/kill', handler: onSession.plain((id) => reply(host.request({ type: 'kill', id }))) },
    { method: 'POST', pattern: '/api/sessions/:id/restart', handler: onSession.plain((id) => reply(host.request({ type: 'restart', id }))) },
    {
      method: 'GET',
      pattern: '/api/sessions/:id/screen',
      handler: onSession.plain(async (id, ctx) => {
        const screen = await host.request({ type: 'screen', id });
        if (screen.ok && ctx.query.get('format') === 'text') return { text: screen.value.text };
        return { result: screen };
      }),
    },
  ];
}
