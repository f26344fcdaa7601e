import { readdirSync, readFileSync } from 'node:fs';
import { parseProcStat, type ProcEntry } from '../proc-table';

/**
 * For tests: the live (non-zombie) processes whose session id is `sid`, read from /proc
 * synchronously so a test can poll it in a tight predicate. Zombies are dead, only not
 * yet reaped, so they do not count as left behind.
 */
export function liveSessionMembers(sid: number): ProcEntry[] {
  const out: ProcEntry[] = [];
  for (const n of readdirSync('/proc')) {
    if (!/^\d+$/.test(n)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${n}/stat`, 'utf8');
    } catch {
      // The process exited between readdir and read: not alive, so not counted.
      continue;
    }
    const e = parseProcStat(stat);
    if (e && e.session === sid && e.state !== 'Z') out.push(e);
  }
  return out;
}
