import { readdir, readFile } from 'node:fs/promises';
import { parseProcStat, type ProcEntry } from './proc-table';

/**
 * The thin I/O half of the process-tree scan: reads `/proc/<pid>/stat` for every pid.
 * A process may exit between readdir and readFile; that race is expected and skipped.
 */
export async function readProcTable(procRoot = '/proc'): Promise<ProcEntry[]> {
  const names = await readdir(procRoot);
  const entries = await Promise.all(
    names
      .filter((n) => /^\d+$/.test(n))
      .map(async (n) => {
        try {
          return parseProcStat(await readFile(`${procRoot}/${n}/stat`, 'utf8'));
        } catch (e) {
          // ENOENT/ESRCH: the process exited after readdir listed it — harmless.
          if (isNodeError(e) && (e.code === 'ENOENT' || e.code === 'ESRCH')) return undefined;
          throw e;
        }
      }),
  );
  return entries.filter((e): e is ProcEntry => e !== undefined);
}

export function isNodeError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
}
