import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the console keeps its data (store, recordings, console.json, the pty host's socket):
 * AXIOM_DATA_DIR, else ~/.axiom-console. The server (config.ts) and the CLI (which finds
 * the running console's console.json there) both call this, so they never disagree about
 * the folder. Only node:os and node:path, so the CLI can import it without the server.
 */
export const DEFAULT_DATA_DIR_NAME = '.axiom-console';

/** The absolute data folder for an AXIOM_DATA_DIR value; unset or blank means the default.
 * A leading `~` is expanded: a shell does not expand it inside quotes or env files. */
export function resolveDataDir(value: string | undefined, home: string = homedir()): string {
  const trimmed = value?.trim() ?? '';
  return resolve(trimmed === '' ? join(home, DEFAULT_DATA_DIR_NAME) : expandHome(trimmed, home));
}

/** `~` and `~/x` to the home folder; anything else (including `~user`) is left as it is. */
export function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return path;
}
