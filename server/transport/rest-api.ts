import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { parseSessionId, type SessionId } from '../../protocol/ids';
import { LIMITS } from '../../protocol/limits';
import { err, ok, type Result } from '../../protocol/result';
import {
  createSessionInputSchema,
  restInjectBodySchema,
  restInputBodySchema,
  restResizeBodySchema,
} from '../../protocol/session';
import type { Logger } from '../logger';
import type { SessionHost } from '../sessions/session-host';
import { describeZodError, readJsonBody, sendJson, sendResult, sendText } from './http-io';
import { createRouter, type RouteEntry } from './router';
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

export interface RouteContext {
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The parsed JSON body for routes with `json: true`; undefined otherwise. */
  json: unknown;
}

/** A route's outcome: a Result (JSON), or plain text for ?format=text. */
export type RouteOutcome = { result: Result<unknown>; okStatus?: number } | { text: string };

export interface RouteHandler {
  json: boolean;
  handle(ctx: RouteContext): Promise<RouteOutcome>;
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
    try {
      const url = new URL(req.url ?? '/', 'http://placeholder');
      const match = router.match(req.method ?? 'GET', url.pathname);
      if (match.kind === 'not-found') {
        sendResult(res, err('not_found:route', `no route for ${url.pathname}`));
        return;
      }
      if (match.kind === 'method-not-allowed') {
        const allow = match.allow.join(', ');
        sendJson(res, 405, err('invalid:payload', `method not allowed; use ${allow}`), { Allow: allow });
        return;
      }
      let json: unknown = undefined;
      if (match.handler.json) {
        const raw = await readJsonBody(req, { maxBytes: LIMITS.maxRestBodyBytes });
        if (!raw.ok) {
          // Past the cap the rest of the body is never read: close instead of draining it.
          const headers: Record<string, string> =
            raw.error.code === 'too_large:payload' ? { Connection: 'close' } : {};
          sendResult(res, raw, 200, headers);
          return;
        }
        json = raw.value;
      }
      const outcome = await match.handler.handle({ params: match.params, query: url.searchParams, json });
      if ('text' in outcome) sendText(res, 200, outcome.text);
      else sendResult(res, outcome.result, outcome.okStatus);
    } catch (error) {
      options.log.log('error', `REST ${req.method ?? '?'} ${req.url ?? '?'} failed`, error);
      sendResult(res, err('failed:internal', 'internal error'));
    }
  };
}

const NO_SESSION = { result: err('not_found:session', 'no such session') } as const;

/** A route on one session; a malformed id names no session, so it is a 404 like an unknown one. */
function onSession(handle: (id: SessionId, ctx: RouteContext) => Promise<RouteOutcome>): RouteHandler {
  return {
    json: false,
    async handle(ctx) {
      const id = parseSessionId(ctx.params['id']);
      return id === undefined ? NO_SESSION : handle(id, ctx);
    },
  };
}

/** Like onSession, with a JSON body parsed by `schema` (the only place bodies are parsed). */
function onSessionWithBody<S extends z.ZodType>(
  schema: S,
  handle: (id: SessionId, body: z.output<S>) => Promise<RouteOutcome>,
): RouteHandler {
  return {
    json: true,
    async handle(ctx) {
      const id = parseSessionId(ctx.params['id']);
      if (id === undefined) return NO_SESSION;
      const parsed = schema.safeParse(ctx.json);
      if (!parsed.success) return { result: err('invalid:payload', describeZodError(parsed.error)) };
      return handle(id, parsed.data);
    },
  };
}

function buildRoutes({ host, version, startedAtMs }: RestApiOptions): RouteEntry<RouteHandler>[] {
  const reply = async (pending: Promise<Result<unknown>>): Promise<RouteOutcome> => ({ result: await pending });
  return [
    {
      method: 'GET',
      pattern: '/health',
      handler: {
        json: false,
        async handle() {
          const stats = await host.request({ type: 'stats' });
          if (!stats.ok) return { result: stats };
          const uptime = Math.round((Date.now() - startedAtMs) / 1000);
          const instances = { active: stats.value.active, limit: stats.value.limit };
          return { result: ok({ status: 'ok', instances, uptime, version }) };
        },
      },
    },
    {
      method: 'POST',
      pattern: '/api/sessions',
      handler: {
        json: true,
        async handle(ctx) {
          const parsed = createSessionInputSchema.safeParse(ctx.json);
          if (!parsed.success) return { result: err('invalid:payload', describeZodError(parsed.error)) };
          return { result: await host.request({ type: 'create', input: parsed.data }), okStatus: 201 };
        },
      },
    },
    {
      method: 'GET',
      pattern: '/api/sessions',
      handler: { json: false, handle: () => reply(host.request({ type: 'list' })) },
    },
    { method: 'GET', pattern: '/api/sessions/:id', handler: onSession((id) => reply(host.request({ type: 'get', id }))) },
    {
      method: 'DELETE',
      pattern: '/api/sessions/:id',
      handler: onSession((id) => reply(host.request({ type: 'remove', id }))),
    },
    {
      method: 'POST',
      pattern: '/api/sessions/:id/input',
      handler: onSessionWithBody(restInputBodySchema, (id, body) =>
        reply(host.request({ type: 'input', id, data: body.data })),
      ),
    },
    {
      method: 'POST',
      pattern: '/api/sessions/:id/inject',
      handler: onSessionWithBody(restInjectBodySchema, (id, body) =>
        reply(host.request({ type: 'inject', id, text: body.text, submit: body.submit })),
      ),
    },
    {
      method: 'POST',
      pattern: '/api/sessions/:id/resize',
      handler: onSessionWithBody(restResizeBodySchema, (id, body) =>
        reply(host.request({ type: 'resize', id, cols: body.cols, rows: body.rows })),
      ),
    },
    {
      method: 'POST',
      pattern: '/api/sessions/:id/interrupt',
      handler: onSession((id) => reply(host.request({ type: 'interrupt', id }))),
    },
    { method: 'POST', pattern: '/api/sessions/:id/kill', handler: onSession((id) => reply(host.request({ type: 'kill', id }))) },
    {
      method: 'POST',
      pattern: '/api/sessions/:id/restart',
      handler: onSession((id) => reply(host.request({ type: 'restart', id }))),
    },
    {
      method: 'GET',
      pattern: '/api/sessions/:id/screen',
      handler: onSession(async (id, ctx) => {
        const screen = await host.request({ type: 'screen', id });
        if (screen.ok && ctx.query.get('format') === 'text') return { text: screen.value.text };
        return { result: screen };
      }),
    },
  ];
}
