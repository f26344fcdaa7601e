import type { ServerResponse } from 'node:http';
import type { z } from 'zod';
import { err, ok, type Result } from '../../protocol/result';
import { describeZodError } from './http-io';

/**
 * A small table-driven router: `/api/sessions/:id/input`-style patterns matched segment by
 * segment. Knowing every method a path accepts lets it answer 405 with an Allow header.
 */
export type HttpMethod = 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';

export interface RouteEntry<H> {
  method: HttpMethod;
  pattern: string;
  handler: H;
}

export type RouteMatch<H> =
  | { kind: 'found'; handler: H; params: Readonly<Record<string, string>> }
  | { kind: 'method-not-allowed'; allow: readonly string[] }
  | { kind: 'not-found' };

interface CompiledRoute<H> {
  entry: RouteEntry<H>;
  segments: readonly string[];
}

export interface Router<H> {
  match(method: string, pathname: string): RouteMatch<H>;
}

export function createRouter<H>(entries: readonly RouteEntry<H>[]): Router<H> {
  const compiled: CompiledRoute<H>[] = entries.map((entry) => ({
    entry,
    segments: splitPath(entry.pattern),
  }));
  return {
    match(method, pathname) {
      const segments = splitPath(pathname);
      const allow: string[] = [];
      for (const route of compiled) {
        const params = matchSegments(route.segments, segments);
        if (params === undefined) continue;
        if (route.entry.method === method) return { kind: 'found', handler: route.entry.handler, params };
        if (!allow.includes(route.entry.method)) allow.push(route.entry.method);
      }
      if (allow.length === 0) return { kind: 'not-found' };
      return { kind: 'method-not-allowed', allow: allow.sort() };
    },
  };
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

function matchSegments(
  pattern: readonly string[],
  actual: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i] ?? '';
    const got = actual[i] ?? '';
    if (expected.startsWith(':')) {
      const decoded = decodeSegment(got);
      if (decoded === undefined) return undefined;
      params[expected.slice(1)] = decoded;
    } else if (expected !== got) {
      return undefined;
    }
  }
  return params;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    // A malformed %-escape cannot name anything we serve: treat the path as unmatched.
    if (error instanceof URIError) return undefined;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------
// Route handlers: what every REST route does before and after its one service call
// (parse the path id, the query or the JSON body; answer a typed error when that fails).
// Pure: server/transport/http-io.ts's serveRoute does the node:http side.

export interface RouteContext {
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The parsed JSON body for handlers with `json: true`; undefined otherwise, or when
   * the request had no body. */
  body: unknown;
  /** Aborted when the client goes away before the reply (a long poll stops waiting). */
  signal?: AbortSignal;
}

/** A route's reply: a Result (JSON, status from the error code), plain text
 * (?format=text), or a reply the route writes itself (files and streamed exports). */
export type RouteOutcome =
  | { result: Result<unknown>; okStatus?: number }
  | { text: string }
  | { write(res: ServerResponse): Promise<void> };

type Reply = RouteOutcome | Promise<RouteOutcome>;

export interface RouteHandler {
  /** Whether serveRoute reads a JSON body before calling `handle`. */
  json: boolean;
  handle(ctx: RouteContext): Reply;
}

/** The reply of one service call (a Result, or a promise of one). */
export async function reply(result: Result<unknown> | Promise<Result<unknown>>, okStatus?: number): Promise<RouteOutcome> {
  return okStatus === undefined ? { result: await result } : { result: await result, okStatus };
}

/** `schema`'s output, or `invalid:payload` with zod's first issues. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(value);
  return parsed.success ? ok(parsed.data) : err('invalid:payload', describeZodError(parsed.error));
}

/** A route that reads no body. */
export function plain(handle: (ctx: RouteContext) => Reply): RouteHandler {
  return { json: false, handle };
}

/** A route with a JSON body parsed by `schema`. No body at all parses as `{}`: on an action
 * whose fields are all optional it means "the defaults" (curl -X POST .../interrupt). */
export function withBody<S extends z.ZodType>(schema: S, handle: (body: z.output<S>, ctx: RouteContext) => Reply): RouteHandler {
  return { json: true, handle: (ctx) => bodyThen(schema, ctx, (body) => handle(body, ctx)) };
}

/** A route whose query string is parsed by `schema` (an object of strings: use z.coerce). */
export function withQuery<S extends z.ZodType>(schema: S, handle: (query: z.output<S>, ctx: RouteContext) => Reply): RouteHandler {
  return plain((ctx) => {
    const query = parseInput(schema, Object.fromEntries(ctx.query));
    return query.ok ? handle(query.value, ctx) : { result: query };
  });
}

export interface ItemRoutes<Id> {
  /** A route on the item named by `:id`, reading no body. */
  plain(handle: (id: Id, ctx: RouteContext) => Reply): RouteHandler;
  /** The same with a JSON body (the id is checked first: an unknown item is a 404 whatever the body). */
  withBody<S extends z.ZodType>(schema: S, handle: (id: Id, body: z.output<S>, ctx: RouteContext) => Reply): RouteHandler;
}

/**
 * Routes on one kind of item (session, task, suggestion) named by the `:id` path param. A
 * malformed id names nothing, so it gets the same 404 (`notFound`) as an unknown one.
 */
export function itemRoutes<Id>(parseId: (raw: unknown) => Id | undefined, notFound: Result<never>): ItemRoutes<Id> {
  const withId = (ctx: RouteContext, then: (id: Id) => Reply): Reply => {
    const id = parseId(ctx.params['id']);
    return id === undefined ? { result: notFound } : then(id);
  };
  return {
    plain: (handle) => plain((ctx) => withId(ctx, (id) => handle(id, ctx))),
    withBody: (schema, handle) => ({
      json: true,
      handle: (ctx) => withId(ctx, (id) => bodyThen(schema, ctx, (body) => handle(id, body, ctx))),
    }),
  };
}

function bodyThen<S extends z.ZodType>(schema: S, ctx: RouteContext, then: (body: z.output<S>) => Reply): Reply {
  const body = parseInput(schema, ctx.body ?? {});
  return body.ok ? then(body.value) : { result: body };
}
