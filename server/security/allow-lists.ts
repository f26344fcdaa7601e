import { isIP } from 'node:net';

/**
 * Host and Origin allow-lists.
 *
 * Host: a DNS-rebinding page reaches 127.0.0.1 under its own name (evil.example), so the
 * Host header is the only thing that tells the two apart. Origin: a page on another
 * origin may send requests (and open WebSockets, which CORS does not cover) with the
 * user's cookie attached; an exact Origin match refuses them.
 */
export interface AllowListOptions {
  /** The actually bound port (not 0). */
  port: number;
  /** The configured HOST; added when it is not one of the loopback defaults. */
  host: string;
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
}

export interface AllowLists {
  readonly hosts: ReadonlySet<string>;
  readonly origins: ReadonlySet<string>;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;
/** Wildcard binds: not a name a browser would ever use in a Host or Origin header. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '[::]']);

/** Brackets a bare IPv6 literal so it can carry a port. */
export function bracketHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

export function buildAllowLists(options: AllowListOptions): AllowLists {
  const { port } = options;
  const names: string[] = [...LOOPBACK_NAMES];
  const configured = bracketHost(options.host.toLowerCase());
  if (!names.includes(configured)) names.push(configured);

  const hosts = new Set(names.map((name) => `${name}:${port}`));
  for (const entry of options.allowedHosts) hosts.add(withPort(entry.toLowerCase(), port));

  const origins = new Set(
    names.filter((name) => !WILDCARD_HOSTS.has(name)).map((name) => `http://${name}:${port}`),
  );
  for (const entry of options.allowedOrigins) origins.add(normalizeOrigin(entry));
  return { hosts, origins };
}

/** A configured host without a port means "on the console's port". */
function withPort(entry: string, port: number): string {
  const bracketed = bracketHost(entry);
  return /:\d+$/.test(bracketed) ? bracketed : `${bracketed}:${port}`;
}

function normalizeOrigin(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, '');
}

export function isHostAllowed(lists: AllowLists, hostHeader: string | undefined): boolean {
  if (hostHeader === undefined || hostHeader === '') return false;
  return lists.hosts.has(hostHeader.trim().toLowerCase());
}

/** Exact match; the literal "null" origin (sandboxed frames, file://) is never allowed. */
export function isOriginAllowed(lists: AllowLists, originHeader: string): boolean {
  return lists.origins.has(normalizeOrigin(originHeader));
}
