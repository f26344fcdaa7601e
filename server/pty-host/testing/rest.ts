import type { Result } from '../../../protocol/result';
import { PROCESS_TOKEN } from './console-process';

export { until } from './until';

/** For fault tests: the REST API with the test token; throws on a failed Result. */
export async function rest<T>(origin: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${PROCESS_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const parsed = (await res.json()) as Result<T>;
  if (!parsed.ok) throw new Error(`${method} ${path}: ${parsed.error.code} ${parsed.error.message}`);
  return parsed.value;
}

/** A shell that prints a counter line every `intervalMs`: a busy agent with checkable output. */
export function counterShell(intervalMs: number): { command: string; args: string[] } {
  const sleep = (intervalMs / 1000).toFixed(3);
  return { command: 'bash', args: ['--norc', '--noprofile', '-c', `i=0; while :; do echo "tick $i"; i=$((i+1)); sleep ${sleep}; done`] };
}

/** The counter values in a stream's text, in order. */
export function ticks(text: string): number[] {
  return [...text.matchAll(/tick (\d+)\r?\n/g)].map((m) => Number(m[1]));
}
