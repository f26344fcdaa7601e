import type { IncomingHttpHeaders } from 'node:http';
import type { ErrorCode } from '../../protocol/result';
import { isHostAllowed, isOriginAllowed, type AllowLists } from './allow-lists';
import {
  parseCookies,
  readBearer,
  TOKEN_COOKIE,
  TOKEN_QUERY_PARAM,
  tokenCookieHeader,
  tokensEqual,
} from './token';

/**
 * The one decision every inbound request goes through: pure, so every rule is unit tested
 * without a socket. Order: Host (DNS rebinding) → Origin (cross-site) → credential.
 */
export interface SecurityPolicy {
  token: string;
  lists: AllowLists;
  /** Per-agent MCP tokens (server/mcp/agent-tokens.ts): true when `bearer` is one. */
  isAgentToken?: (bearer: string) => boolean;
}

/** What is asking: an API call, a page load (may exchange ?token=), a socket handshake,
 * or the MCP endpoint (the one surface that also takes per-agent tokens). */
export type RequestSurface = 'api' | 'page' | 'socket' | 'mcp';

export interface GuardRequest {
  method: string;
  /** The request target (path and query), as in IncomingMessage.url. */
  url: string;
  headers: IncomingHttpHeaders;
  surface: RequestSurface;
}

export type RefusalCode = Extract<ErrorCode, 'refused:host' | 'refused:origin' | 'refused:unauthorized'>;

export type GuardDecision =
  | { kind: 'allow'; via: 'bearer' | 'cookie' | 'agent' }
  /** Right ?token= on a page load: set the cookie and redirect to the clean URL. */
  | { kind: 'exchange'; location: string; setCookie: string }
  | { kind: 'refuse'; code: RefusalCode; message: string };

const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function guardRequest(req: GuardRequest, policy: SecurityPolicy): GuardDecision {
  if (!isHostAllowed(policy.lists, firstHeader(req.headers.host))) {
    return refuse('refused:host', 'this Host is not allowed');
  }
  const origin = firstHeader(req.headers.origin);
  if (origin !== undefined && !isOriginAllowed(policy.lists, origin)) {
    return refuse('refused:origin', 'this Origin is not allowed');
  }

  const bearer = readBearer(firstHeader(req.headers.authorization));
  if (bearer !== undefined) {
    // Scripts authenticate with a header a foreign page cannot set, so Origin may be absent.
    if (tokensEqual(bearer, policy.token)) return { kind: 'allow', via: 'bearer' };
    // An agent's own token opens /mcp and nothing else: through MCP tools it acts as
    // itself (its spawns are its children), never with the REST API's or a page's reach.
    if (req.surface === 'mcp' && policy.isAgentToken?.(bearer) === true) return { kind: 'allow', via: 'agent' };
    return refuse('refused:unauthorized', 'wrong token');
  }

  const url = new URL(req.url, 'http://placeholder');
  const queryToken = url.searchParams.get(TOKEN_QUERY_PARAM);
  if (req.surface === 'page' && SAFE_METHODS.has(req.method) && queryToken !== null) {
    if (!tokensEqual(queryToken, policy.token)) return refuse('refused:unauthorized', 'wrong token');
    url.searchParams.delete(TOKEN_QUERY_PARAM);
    const query = url.searchParams.toString();
    // Collapse leading slashes: "//evil.example" in Location would be an open redirect.
    const path = url.pathname.replace(/^\/+/, '/');
    return {
      kind: 'exchange',
      location: `${path}${query === '' ? '' : `?${query}`}`,
      setCookie: tokenCookieHeader(policy.token),
    };
  }

  const cookie = parseCookies(firstHeader(req.headers.cookie)).get(TOKEN_COOKIE);
  if (cookie !== undefined && tokensEqual(cookie, policy.token)) {
    // A browser attaches the cookie to whatever a page asks for; a state-changing request
    // or a socket handshake must prove it comes from our own page (CSRF, cross-site WS).
    const needsOrigin = req.surface === 'socket' || !SAFE_METHODS.has(req.method);
    if (needsOrigin && origin === undefined) {
      return refuse('refused:origin', 'an Origin header is required with cookie credentials');
    }
    return { kind: 'allow', via: 'cookie' };
  }
  return refuse('refused:unauthorized', 'a token is required');
}

function refuse(code: RefusalCode, message: string): GuardDecision {
  return { kind: 'refuse', code, message };
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
