import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from '../server/data-dir';
import { CliError, EXIT } from './exit-codes';

/**
 * Where the console is and its token: AXIOM_URL + AXIOM_TOKEN when both are set, else the
 * console.json the running console writes in its data folder (found as the server finds
 * it: AXIOM_DATA_DIR with `~` expanded, default ~/.axiom-console; the file is 0600,
 * readable only by its user).
 */
export interface ConsoleAddress {
  /** The console's origin, e.g. http://127.0.0.1:3000 (no path, no token). */
  origin: string;
  token: string;
  source: 'env' | string;
}

/** `homeDir`, for tests: where `~` is (default the user's home). */
export function locateConsole(env: Readonly<Record<string, string | undefined>>, homeDir?: string): ConsoleAddress {
  if (env.AXIOM_URL !== undefined && env.AXIOM_URL !== '') {
    if (env.AXIOM_TOKEN === undefined || env.AXIOM_TOKEN === '') throw new CliError('AXIOM_URL is set but AXIOM_TOKEN is not', EXIT.unreachable);
    return { origin: originOf(env.AXIOM_URL), token: env.AXIOM_TOKEN, source: 'env' };
  }
  const file = join(resolveDataDir(env.AXIOM_DATA_DIR, homeDir), 'console.json');
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      throw new CliError(`no running console found (no ${file}); start one with "axiom start" or set AXIOM_URL and AXIOM_TOKEN`, EXIT.unreachable);
    }
    throw new CliError(`cannot read ${file}: ${String(error)}`, EXIT.unreachable);
  }
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || !('url' in parsed) || !('token' in parsed) || typeof parsed.url !== 'string' || typeof parsed.token !== 'string') {
    throw new CliError(`${file} is not a console file`, EXIT.unreachable);
  }
  return { origin: originOf(parsed.url), token: parsed.token, source: file };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    // Not a URL at all: say so rather than fail later with a fetch error.
    throw new CliError(`not a URL: ${url}`, EXIT.unreachable);
  }
}
