import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostPaths } from '../../server/pty-host/host-files';

/**
 * The console as a user runs it (`node scripts/start.mjs`), in its own process, so its
 * memory can be measured apart from the bench and the browser.
 */
export interface ConsoleProcess {
  url: string;
  token: string;
  pid: number;
  dataDir: string;
  /** Resident set size of the server: the web server process plus its pty host (which
   * holds the PTYs, replay rings and mirrors), in bytes (from /proc). */
  rssBytes(): number;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;

export async function startConsoleProcess(root: string, extraEnv: Record<string, string> = {}, files: Record<string, string> = {}): Promise<ConsoleProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'axiom-bench-'));
  // Files the console reads at start (e.g. steering.json).
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dataDir, name), content);
  const token = `bench-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const child: ChildProcess = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--no-build'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', AXIOM_TOKEN: token, AXIOM_DATA_DIR: dataDir, AXIOM_DEMO: '0', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('console did not start in time')), STARTUP_TIMEOUT_MS);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Axiom Console: (http:\/\/[^/\s]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[console] ${d.toString()}`));
    child.once('exit', (code) => reject(new Error(`console exited early with code ${code}: ${out}`)));
  });
  const pid = child.pid!;
  return {
    url,
    token,
    pid,
    dataDir,
    rssBytes() {
      const hostPid = readHostPid(dataDir);
      return rssOf(pid) + (hostPid === undefined ? 0 : rssOf(hostPid));
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0; // the process has exited
  }
}

/** The pty host's pid, from its pid file, once the host is up. */
function readHostPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(hostPaths(dataDir).pid, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
