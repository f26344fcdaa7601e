import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { buildAllowLists } from './allow-lists';
import { guardRequest, type GuardRequest, type RequestSurface } from './request-guard';

const TOKEN = 'the-right-token-0123456789';
const policy = {
  token: TOKEN,
  lists: buildAllowLists({ port: 7337, host: '127.0.0.1', allowedHosts: [], allowedOrigins: [] }),
};
const HOST = '127.0.0.1:7337';
const ORIGIN = 'http://127.0.0.1:7337';
const COOKIE = `axiom_token=${TOKEN}`;

function check(surface: RequestSurface, method: string, url: string, headers: IncomingHttpHeaders) {
  const req: GuardRequest = { surface, method, url, headers: { host: HOST, ...headers } };
  return guardRequest(req, policy);
}
const codeOf = (d: ReturnType<typeof check>) => (d.kind === 'refuse' ? d.code : d.kind);

describe('guardRequest', () => {
  it('refuses a foreign or missing Host before anything else', () => {
    expect(codeOf(check('api', 'GET', '/api/sessions', { host: 'evil.example:7337', authorization: `Bearer ${TOKEN}` }))).toBe('refused:host');
    expect(codeOf(check('api', 'GET', '/', { host: undefined }))).toBe('refused:host');
  });

  it('refuses a foreign Origin even with a valid token', () => {
    expect(codeOf(check('api', 'GET', '/api/sessions', { origin: 'http://evil.example', authorization: `Bearer ${TOKEN}` }))).toBe('refused:origin');
    expect(codeOf(check('socket', 'GET', '/socket.io/', { origin: 'null', cookie: COOKIE }))).toBe('refused:origin');
  });

  it('accepts the right Bearer token without an Origin; refuses a wrong one', () => {
    expect(check('api', 'POST', '/api/sessions', { authorization: `Bearer ${TOKEN}` })).toEqual({ kind: 'allow', via: 'bearer' });
    expect(check('socket', 'GET', '/socket.io/', { authorization: `Bearer ${TOKEN}` })).toEqual({ kind: 'allow', via: 'bearer' });
    expect(codeOf(check('api', 'GET', '/api/sessions', { authorization: 'Bearer nope', cookie: COOKIE }))).toBe('refused:unauthorized');
  });

  it('accepts the cookie for safe requests; requires the Origin for writes and sockets', () => {
    expect(codeOf(check('api', 'GET', '/api/sessions', { cookie: COOKIE }))).toBe('allow');
    expect(codeOf(check('page', 'GET', '/', { cookie: COOKIE }))).toBe('allow');
    expect(codeOf(check('api', 'POST', '/api/sessions', { cookie: COOKIE }))).toBe('refused:origin');
    expect(codeOf(check('api', 'DELETE', '/api/sessions/s-abcdef', { cookie: COOKIE }))).toBe('refused:origin');
    expect(codeOf(check('api', 'POST', '/api/sessions', { cookie: COOKIE, origin: ORIGIN }))).toBe('allow');
    expect(codeOf(check('socket', 'GET', '/socket.io/?EIO=4', { cookie: COOKIE }))).toBe('refused:origin');
    expect(codeOf(check('socket', 'GET', '/socket.io/?EIO=4', { cookie: COOKIE, origin: ORIGIN }))).toBe('allow');
    expect(codeOf(check('api', 'GET', '/api/sessions', { cookie: 'axiom_token=wrong' }))).toBe('refused:unauthorized');
  });

  it('exchanges a right ?token= on a page load for the cookie and a clean redirect', () => {
    const d = check('page', 'GET', `/sessions/x?a=1&token=${TOKEN}&b=2`, {});
    expect(d).toEqual({
      kind: 'exchange',
      location: '/sessions/x?a=1&b=2',
      setCookie: `axiom_token=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`,
    });
    expect(check('page', 'GET', `/?token=${TOKEN}`, {})).toMatchObject({ kind: 'exchange', location: '/' });
    expect(codeOf(check('page', 'GET', '/?token=wrong', { cookie: COOKIE }))).toBe('refused:unauthorized');
  });

  it('accepts a per-agent MCP token on the mcp surface only, never on the API, pages or sockets', () => {
    const AGENT = 'agent-token-abcdef0123456789';
    const withAgents = { ...policy, isAgentToken: (t: string) => t === AGENT };
    const decide = (surface: RequestSurface, headers: IncomingHttpHeaders) =>
      guardRequest({ surface, method: 'POST', url: '/mcp', headers: { host: HOST, ...headers } }, withAgents);
    expect(decide('mcp', { authorization: `Bearer ${AGENT}` })).toEqual({ kind: 'allow', via: 'agent' });
    expect(decide('mcp', { authorization: `Bearer ${TOKEN}` })).toEqual({ kind: 'allow', via: 'bearer' });
    for (const surface of ['api', 'page', 'socket'] as const) expect(codeOf(decide(surface, { authorization: `Bearer ${AGENT}` }))).toBe('refused:unauthorized');
    expect(codeOf(decide('mcp', { authorization: 'Bearer not-an-agent' }))).toBe('refused:unauthorized');
    // Host and Origin are checked first, whatever the token.
    expect(codeOf(decide('mcp', { authorization: `Bearer ${AGENT}`, host: 'attacker.example:7337' }))).toBe('refused:host');
    expect(codeOf(decide('mcp', { authorization: `Bearer ${AGENT}`, origin: 'http://attacker.example' }))).toBe('refused:origin');
  });

  it('never turns the exchange into an open redirect', () => {
    expect(check('page', 'GET', `/.//evil.example/x?token=${TOKEN}`, {})).toMatchObject({ location: '/evil.example/x' });
  });

  it('does not accept ?token= for the API or sockets (tokens in URLs end up in logs)', () => {
    expect(codeOf(check('api', 'GET', `/api/sessions?token=${TOKEN}`, {}))).toBe('refused:unauthorized');
    expect(codeOf(check('socket', 'GET', `/socket.io/?token=${TOKEN}`, { origin: ORIGIN }))).toBe('refused:unauthorized');
  });

  it('refuses a request with no credential at all', () => {
    expect(codeOf(check('page', 'GET', '/', {}))).toBe('refused:unauthorized');
  });
});
