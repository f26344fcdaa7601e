import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { err, ok } from '../../protocol/result';
import { createRouter, itemRoutes, plain, reply, withBody, withQuery, type RouteContext } from './router';

const router = createRouter([
  { method: 'GET', pattern: '/api/sessions', handler: 'list' },
  { method: 'POST', pattern: '/api/sessions', handler: 'create' },
  { method: 'GET', pattern: '/api/sessions/:id', handler: 'get' },
  { method: 'DELETE', pattern: '/api/sessions/:id', handler: 'remove' },
  { method: 'POST', pattern: '/api/sessions/:id/input', handler: 'input' },
]);

describe('router', () => {
  it('matches by method and path, extracting decoded params', () => {
    expect(router.match('GET', '/api/sessions')).toEqual({ kind: 'found', handler: 'list', params: {} });
    expect(router.match('POST', '/api/sessions/')).toMatchObject({ kind: 'found', handler: 'create' });
    expect(router.match('DELETE', '/api/sessions/s-abc123')).toEqual({ kind: 'found', handler: 'remove', params: { id: 's-abc123' } });
    expect(router.match('POST', '/api/sessions/a%20b/input')).toEqual({ kind: 'found', handler: 'input', params: { id: 'a b' } });
  });

  it('answers method-not-allowed with every allowed method', () => {
    expect(router.match('PUT', '/api/sessions')).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'POST'] });
    expect(router.match('GET', '/api/sessions/x/input')).toEqual({ kind: 'method-not-allowed', allow: ['POST'] });
  });

  it('answers not-found for unknown paths and malformed escapes', () => {
    expect(router.match('GET', '/api/nothing')).toEqual({ kind: 'not-found' });
    expect(router.match('GET', '/api/sessions/x/input/more')).toEqual({ kind: 'not-found' });
    expect(router.match('GET', '/api/sessions/%E0%A4%A')).toEqual({ kind: 'not-found' });
  });
});

describe('route helpers', () => {
  const ctx = (over: Partial<RouteContext> = {}): RouteContext => ({ params: {}, query: new URLSearchParams(), body: undefined, ...over });
  const parseId = (raw: unknown): string | undefined => (typeof raw === 'string' && raw.startsWith('x-') ? raw : undefined);
  const items = itemRoutes(parseId, err('not_found:task', 'no such item'));
  const body = z.object({ n: z.number().default(1) }).strict();

  it('answers the 404 for a malformed id before looking at the body', async () => {
    const handler = items.withBody(body, (id, b) => reply(ok({ id, n: b.n })));
    expect(handler.json).toBe(true);
    expect(await handler.handle(ctx({ params: { id: 'bad' }, body: { n: 'no' } }))).toEqual({ result: err('not_found:task', 'no such item') });
    expect(await handler.handle(ctx({ params: { id: 'x-1' }, body: { n: 'no' } }))).toMatchObject({ result: { ok: false, error: { code: 'invalid:payload' } } });
    expect(await handler.handle(ctx({ params: { id: 'x-1' }, body: { n: 5 } }))).toEqual({ result: ok({ id: 'x-1', n: 5 }) });
  });

  it('reads no body at all as {} (the defaults), and parses the query with coercion', async () => {
    expect(await withBody(body, (b) => reply(ok(b.n))).handle(ctx())).toEqual({ result: ok(1) });
    const q = withQuery(z.object({ limit: z.coerce.number().int().min(1) }), (v) => reply(ok(v.limit)));
    expect(q.json).toBe(false);
    expect(await q.handle(ctx({ query: new URLSearchParams('limit=7') }))).toEqual({ result: ok(7) });
    expect(await q.handle(ctx({ query: new URLSearchParams('limit=0') }))).toMatchObject({ result: { ok: false, error: { code: 'invalid:payload' } } });
  });

  it('keeps the ok status a route asks for', async () => {
    expect(await plain(() => reply(ok('made'), 201)).handle(ctx())).toEqual({ result: ok('made'), okStatus: 201 });
  });
});
