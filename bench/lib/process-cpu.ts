import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time by role (Linux /proc), to say where a measure's time went: the page's renderer,
 * Chromium's other processes, the web server, the pty host (its mirror thread included).
 * Read before and after a measure; the difference is what the measure cost each role.
 */
export type CpuRole = 'renderer' | 'browserOther' | 'webServer' | 'ptyHost';
export type CpuSeconds = Record<CpuRole, number>;

/** utime + stime of a /proc/<pid>/stat line, in clock ticks (the comm field may hold spaces). */
export function statTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Linux's USER_HZ: 100 on every mainstream build. */
const TICKS_PER_SECOND = 100;

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process ended between listing and reading
  }
}

export function sampleCpu(roles: { webServerPid: number; ptyHostPid: number | undefined }): CpuSeconds {
  const out: CpuSeconds = { renderer: 0, browserOther: 0, webServer: 0, ptyHost: 0 };
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    let role: CpuRole | null = null;
    if (pid === roles.webServerPid) role = 'webServer';
    else if (pid === roles.ptyHostPid) role = 'ptyHost';
    else {
      const cmd = read(`/proc/${pid}/cmdline`);
      if (cmd === null || !cmd.includes('chromium')) continue;
      role = cmd.includes('--type=renderer') ? 'renderer' : 'browserOther';
    }
    const stat = read(`/proc/${pid}/stat`);
    if (stat !== null) out[role] += statTicks(stat) / TICKS_PER_SECOND;
  }
  return out;
}

export function cpuSince(before: CpuSeconds, after: CpuSeconds): CpuSeconds {
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    renderer: r(after.renderer - before.renderer),
    browserOther: r(after.browserOther - before.browserOther),
    webServer: r(after.webServer - before.webServer),
    ptyHost: r(after.ptyHost - before.ptyHost),
  };
}
