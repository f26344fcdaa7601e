import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { HTTP_STATUS, err } from '../../protocol/result';
import { guardRequest, type GuardDecision, type RequestSurface, type SecurityPolicy } from './request-guard';

/**
 * Thin node:http glue around the pure guard: security headers on every response, and
 * refusals written as JSON (API), a small HTML page (browser pages) or a raw HTTP reply
 * on an upgrade socket.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "frame-ancestors 'none'",
};

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/** Runs the guard; on anything but "allow" writes the reply. Returns true to continue. */
export function guardHttp(
  req: IncomingMessage,
  res: ServerResponse,
  policy: SecurityPolicy,
  surface: RequestSurface,
): boolean {
  const decision = decide(req, policy, surface);
  if (decision.kind === 'allow') return true;
  if (decision.kind === 'exchange') {
    res.writeHead(302, {
      Location: decision.location,
      'Set-Cookie': decision.setCookie,
      'Cache-Control': 'no-store',
    });
    res.end();
    return false;
  }
  const status = HTTP_STATUS[decision.code];
  if (surface === 'page' && decision.code === 'refused:unauthorized') {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(UNAUTHORIZED_PAGE);
    return false;
  }
  const body = JSON.stringify(err(decision.code, decision.message));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
  return false;
}

/** For upgrade requests that are not socket.io (Next's HMR in dev). Returns true to continue. */
export function guardUpgrade(req: IncomingMessage, socket: Duplex, policy: SecurityPolicy): boolean {
  const decision = decide(req, policy, 'socket');
  if (decision.kind === 'allow') return true;
  const status = decision.kind === 'refuse' ? HTTP_STATUS[decision.code] : 400;
  socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  return false;
}

export function decide(req: IncomingMessage, policy: SecurityPolicy, surface: RequestSurface): GuardDecision {
  return guardRequest(
    { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, surface },
    policy,
  );
}

/** Self-contained: no scripts, no external assets, nothing that needs auth to load. */
const UNAUTHORIZED_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Axiom Console — sign-in needed</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#ddd;background:#111}code{background:#222;padding:.1rem .3rem;border-radius:3px}</style>
</head>
<body>
<h1>Sign-in needed</h1>
<p>This Axiom Console only answers browsers that present its access token.</p>
<p>Open the URL the console printed when it started — it looks like
<code>http://127.0.0.1:&lt;port&gt;/?token=&hellip;</code> — or read it from
<code>console.json</code> in the console's data folder.</p>
</body>
</html>
`;
