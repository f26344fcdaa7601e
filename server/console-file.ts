import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';

/**
 * `<dataDir>/console.json`: how the CLI finds a running console (url, token, pid, port).
 * It holds the token, so the folder is 0700 and the file 0600, written atomically
 * (temp file + rename) so a reader never sees half a file or a wider mode.
 */
export const CONSOLE_FILE_NAME = 'console.json';

export interface ConsoleFile {
  url: string;
  token: string;
  pid: number;
  port: number;
}

export function writeConsoleFile(dataDir: string, contents: ConsoleFile): string {
  const path = join(dataDir, CONSOLE_FILE_NAME);
  writeFileAtomic(path, `${JSON.stringify(contents, null, 2)}\n`, 0o600);
  return path;
}

/** Removes the file only if it is still ours: another console may have started since. */
export function removeConsoleFile(dataDir: string, pid: number): void {
  const path = join(dataDir, CONSOLE_FILE_NAME);
  let current: unknown;
  try {
    current = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    // Already gone (or replaced by something unreadable that is not ours): nothing to do.
    if (isMissingOrSyntax(error)) return;
    throw error;
  }
  if (typeof current === 'object' && current !== null && 'pid' in current && current.pid === pid) {
    rmSync(path, { force: true });
  }
}

function isMissingOrSyntax(error: unknown): boolean {
  if (error instanceof SyntaxError) return true;
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
