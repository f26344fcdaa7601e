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
