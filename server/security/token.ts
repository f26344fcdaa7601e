import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The console's credential: one shared secret, presented as `Authorization: Bearer <t>`
 * (scripts, the CLI) or as the `axiom_token` cookie (browsers, after the ?token= exchange).
 */
export const TOKEN_COOKIE = 'axiom_token';
export const TOKEN_QUERY_PARAM = 'token';

/**
 * Constant-time comparison. Both sides are hashed first so the buffers handed to
 * timingSafeEqual always have equal length; comparing raw buffers of different lengths
 * would either throw or leak the token length through an early return.
 */
export function tokensEqual(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The token from an `Authorization: Bearer <token>` header, if that is its shape. */
export function readBearer(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Parses a Cookie header; the first occurrence of a name wins (RFC 6265 §5.4 ordering). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (header === undefined) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    if (!cookies.has(name)) cookies.set(name, safeDecode(raw));
  }
  return cookies;
}

function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch (error) {
    // A malformed %-escape in someone else's cookie must not break auth: keep it raw.
    if (error instanceof URIError) return raw;
    throw error;
  }
}

/**
 * The Set-Cookie value for the token: HttpOnly (page scripts cannot read it),
 * SameSite=Strict (never sent on cross-site requests), Path=/ (the API and socket.io).
 * No Secure flag: the console is served over plain http on loopback.
 */
export function tokenCookieHeader(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}
