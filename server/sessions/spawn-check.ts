import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Checks made before forking, so the common mistakes come back as a clear 'failed:spawn'
 * instead of a session that exits 1 with an execvp error on its screen.
 * Returns an error message, or undefined when the spawn may proceed.
 */
export function checkSpawnable(opts: { command: string; cwd: string; pathVar: string | undefined }): string | undefined {
  if (!isDirectory(opts.cwd)) return `working directory not found: ${opts.cwd}`;
  if (opts.command.includes('/')) {
    const file = path.resolve(opts.cwd, opts.command);
    return isExecutableFile(file) ? undefined : `command not found or not executable: ${opts.command}`;
  }
  for (const dir of (opts.pathVar ?? '').split(':')) {
    if (dir !== '' && isExecutableFile(path.join(dir, opts.command))) return undefined;
  }
  return `command not found: ${opts.command}`;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    // ENOENT/EACCES/ENOTDIR all mean "not a usable directory", which is the answer.
    return false;
  }
}

function isExecutableFile(p: string): boolean {
  try {
    accessSync(p, fsConstants.X_OK);
    return statSync(p).isFile();
  } catch {
    // Missing or not executable: the answer to the question, not a failure.
    return false;
  }
}
