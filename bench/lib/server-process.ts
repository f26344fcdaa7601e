import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConsoleProcess, type ConsoleProcess as RunningConsole } from '../../server/pty-host/testing/console-process';

/**
 * The bench's console: the one process starter the fault tests use
 * (server/pty-host/testing/console-process.ts), as a user runs it (`npm start`, with the
 * dashboard) on a fresh data folder, in its own process so its memory (web server plus
 * pty host, see rssBytes) is measured apart from the bench and the browser.
 */
export interface ConsoleProcess extends RunningConsole {
  /** The origin, under the name the measures use. */
  url: string;
}

export interface BenchConsoleOptions {
  /** Added to the console's environment (e.g. AXIOM_MAX_RUNNING, PORT). */
  env?: Record<string, string>;
  /** Files the console reads at start, written into its data folder (e.g. steering.json). */
  files?: Record<string, string>;
}

export async function startBenchConsole(options: BenchConsoleOptions = {}): Promise<ConsoleProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'axiom-bench-'));
  for (const [name, content] of Object.entries(options.files ?? {})) writeFileSync(join(dataDir, name), content);
  const running = await startConsoleProcess({ dataDir, entry: 'dashboard', env: options.env, echoStderr: true });
  return { ...running, url: running.origin };
}
