import { describe, expect, it } from 'vitest';
import { createRouter } from './router';

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
