import { statSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../protocol/limits';
import type { Result } from '../../protocol/result';
import type { SessionInfo } from '../../protocol/session';
import { rawRequest, startTestConsole, TEST_TOKEN, waitFor, type RawResponse, type TestConsole } from './test-console';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole();
});
afterAll(async () => {
  await c.stop();
});

const bearer = { authorization: `Bearer ${TEST_TOKEN}` };

function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const json: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  return rawRequest({
    port: c.port,
    method,
    path,
    headers: { host: c.hostHeader, ...bearer, ...json, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

function valueOf<T>(res: RawResponse): T {
  const result = res.json as Result<T>;
  if (!result.ok) throw new Error(`${res.status} ${result.error.code}: ${result.error.message}`);
  return result.value;
}
const errorCode = (res: RawResponse) => (res.json as Result<unknown>).ok === false ? (res.json as { error: { code: string } }).error.code : 'ok';

describe('REST API (real server, real PTYs)', () => {
  it('runs a bash session end to end: create, input, screen, resize, interrupt, delete', async () => {
    const created = await api('POST', '/api/sessions', { command: 'bash', args: ['--norc', '--noprofile'], cols: 80, rows: 24 });
    expect(created.status).toBe(201);
    const info = valueOf<SessionInfo>(created);
    expect(info.id).toMatch(/^s-/);

    expect(valueOf<SessionInfo[]>(await api('GET', '/api/sessions')).map((s) => s.id)).toContain(info.id);
    expect(valueOf<SessionInfo>(await api('GET', `/api/sessions/${info.id}`)).command).toBe('bash');

    expect((await api('POST', `/api/sessions/${info.id}/input`, { data: 'echo hi\r' })).status).toBe(200);
    const screen = await waitFor(async () => {
      const s = valueOf<{ text: string; cols: number }>(await api('GET', `/api/sessions/${info.id}/screen`));
      return /^hi$/m.test(s.text) ? s : undefined;
    }, 10_000, 'hi on the screen');
    expect(screen.cols).toBe(80);

    const text = await api('GET', `/api/sessions/${info.id}/screen?format=text`);
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.text).toMatch(/^hi$/m);

    const resized = valueOf<SessionInfo>(await api('POST', `/api/sessions/${info.id}/resize`, { cols: 120, rows: 40 }));
    expect([resized.cols, resized.rows]).toEqual([120, 40]);

    expect((await api('POST', `/api/sessions/${info.id}/interrupt`)).status).toBe(200);
    expect((await api('POST', `/api/sessions/${info.id}/inject`, { text: 'echo injected' })).status).toBe(200);
    await waitFor(async () => {
      const s = valueOf<{ text: string }>(await api('GET', `/api/sessions/${info.id}/screen`));
      return /^injected$/m.test(s.text) ? true : undefined;
    }, 10_000, 'injected on the screen');

    expect((await api('DELETE', `/api/sessions/${info.id}`)).status).toBe(200);
    expect(errorCode(await api('GET', `/api/sessions/${info.id}`))).toBe('not_found:session');
  });

  it('reports health with instances, uptime and version', async () => {
    const res = await api('GET', '/health');
    expect(res.status).toBe(200);
    const health = valueOf<{ status: string; instances: { active: number; limit: number }; uptime: number; version: string }>(res);
    expect(health.status).toBe('ok');
    expect(health.instances.limit).toBe(64);
    expect(typeof health.instances.active).toBe('number');
    expect(health.uptime).toBeGreaterThanOrEqual(0);
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(health.version).toBe(pkg.version);
  });

  it('refuses requests without a token: JSON for the API, an HTML page for pages', async () => {
    const noToken = await rawRequest({ port: c.port, path: '/api/sessions', headers: { host: c.hostHeader } });
    expect(noToken.status).toBe(401);
    expect(noToken.json).toMatchObject({ ok: false, error: { code: 'refused:unauthorized' } });
    expect((await rawRequest({ port: c.port, path: '/health', headers: { host: c.hostHeader } })).status).toBe(401);
    const wrong = await api('GET', '/api/sessions', undefined, { authorization: 'Bearer wrong-token' });
    expect(wrong.status).toBe(401);

    const page = await rawRequest({ port: c.port, path: '/', headers: { host: c.hostHeader, accept: 'text/html' } });
    expect(page.status).toBe(401);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toMatch(/token/i);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    const rebind = await api('GET', '/api/sessions', undefined, { host: `evil.example:${c.port}` });
    expect(rebind.status).toBe(403);
    expect(errorCode(rebind)).toBe('refused:host');
    const origin = await api('GET', '/api/sessions', undefined, { origin: 'http://evil.example' });
    expect(origin.status).toBe(403);
    expect(errorCode(origin)).toBe('refused:origin');
  });

  it('needs the Origin for cookie-authenticated writes (CSRF)', async () => {
    const cookie = { authorization: '', cookie: `axiom_token=${TEST_TOKEN}` };
    const noOrigin = await api('POST', '/api/sessions', { command: 'true' }, cookie);
    expect(errorCode(noOrigin)).toBe('refused:origin');
    const read = await api('GET', '/api/sessions', undefined, cookie);
    expect(read.status).toBe(200);
  });

  it('exchanges ?token= for an HttpOnly SameSite=Strict cookie and a clean redirect', async () => {
    const res = await rawRequest({ port: c.port, path: `/some/page?x=1&token=${TEST_TOKEN}`, headers: { host: c.hostHeader } });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/some/page?x=1');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^axiom_token=${TEST_TOKEN};`));
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
  });

  it('answers bad bodies with typed errors', async () => {
    const big = await api('POST', '/api/sessions', { command: 'x'.repeat(LIMITS.maxRestBodyBytes + 10) });
    expect(big.status).toBe(413);
    expect(errorCode(big)).toBe('too_large:payload');

    const postSessionsRaw = (contentType: string, body: string) =>
      rawRequest({ port: c.port, method: 'POST', path: '/api/sessions', headers: { host: c.hostHeader, ...bearer, 'content-type': contentType }, body });
    const badJson = await postSessionsRaw('application/json', '{"command": ');
    expect(badJson.status).toBe(400);
    expect(errorCode(badJson)).toBe('invalid:json');

    const badShape = await api('POST', '/api/sessions', { command: 42 });
    expect(badShape.status).toBe(400);
    expect(errorCode(badShape)).toBe('invalid:payload');
    expect((badShape.json as { error: { message: string } }).error.message).toMatch(/command/);

    const noType = await postSessionsRaw('text/plain', '{}');
    expect(errorCode(noType)).toBe('invalid:payload');
  });

  it('answers unknown ids, routes and methods', async () => {
    const unknown = await api('POST', '/api/sessions/s-doesnotexist1/input', { data: 'x' });
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe('not_found:session');
    expect(errorCode(await api('GET', '/api/sessions/not-an-id'))).toBe('not_found:session');
    const route = await api('GET', '/api/nothing');
    expect(route.status).toBe(404);
    expect(errorCode(route)).toBe('not_found:route');
    const method = await api('PUT', '/api/sessions');
    expect(method.status).toBe(405);
    expect(method.headers.allow).toBe('GET, POST');
  });

  it('writes console.json (0600 in a 0700 folder) for the CLI', () => {
    const file = join(c.dataDir, 'console.json');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(c.dataDir).mode & 0o777).toBe(0o700);
    const contents = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(contents).toEqual({ url: c.url, token: TEST_TOKEN, pid: process.pid, port: c.port });
    expect(c.url).toBe(`http://127.0.0.1:${c.port}/?token=${TEST_TOKEN}`);
  });
});
