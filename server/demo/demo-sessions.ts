import { accessSync, constants, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CreateSessionRequest } from '../../protocol/session';
import type { Logger } from '../logger';
import type { SessionHost } from '../sessions/session-host';

/**
 * AXIOM_DEMO: when the console starts with no sessions, open a few live ones so a first
 * look shows something real without an API key: a shell in a demo folder, `top`, and a
 * simulated agent log. They are ordinary sessions, created through the host.
 */
export interface DemoOptions {
  host: SessionHost;
  dataDir: string;
  log: Logger;
  /** PATH to look for optional programs in (default process.env.PATH). */
  searchPath?: string;
}

/** The demo's sessions by name (server/demo/demo-gate.ts tells them from the user's). */
export const DEMO_SESSION_NAMES: readonly string[] = ['demo shell', 'top', 'agent (simulated)'];

const AGENT_LOG_SCRIPT = fileURLToPath(new URL('./agent-log.mjs', import.meta.url));

const DEMO_README = `# Axiom Console demo

This folder is the working directory of the demo shell. Type here: it is a real bash in a
real pseudo-terminal, streamed to your browser.

Try: \`ls\`, \`htop\` or \`vim README.md\`, resize the window, open a second browser tab.
Start the console with AXIOM_DEMO=0 to skip the demo sessions.
`;

export async function startDemoSessions(options: DemoOptions): Promise<void> {
  const { host, log } = options;
  const existing = await host.request({ type: 'list' });
  if (!existing.ok || existing.value.length > 0) return;

  const demoDir = join(options.dataDir, 'demo');
  mkdirSync(demoDir, { recursive: true, mode: 0o700 });
  const readme = join(demoDir, 'README.md');
  if (!existsSync(readme)) writeFileSync(readme, DEMO_README, { mode: 0o600 });

  const sessions: CreateSessionRequest[] = [
    base({ name: 'demo shell', command: 'bash', cwd: demoDir, interruptKey: 'ctrl-c' }),
  ];
  if (findOnPath('top', options.searchPath ?? process.env['PATH'] ?? '') !== undefined) {
    sessions.push(base({ name: 'top', command: 'top', args: ['-d', '1'], cwd: demoDir, interruptKey: 'ctrl-c' }));
  }
  sessions.push(
    base({
      name: 'agent (simulated)',
      command: process.execPath,
      args: [AGENT_LOG_SCRIPT],
      cwd: demoDir,
      interruptKey: 'ctrl-c',
    }),
  );

  for (const input of sessions) {
    const created = await host.request({ type: 'create', input });
    if (!created.ok) log.log('warn', `demo session "${input.name ?? input.command}": ${created.error.message}`);
  }
}

function base(input: Partial<CreateSessionRequest> & Pick<CreateSessionRequest, 'command'>): CreateSessionRequest {
  return { args: [], cols: 100, rows: 30, ...input };
}

/** Errors that only mean "not here" when probing a PATH entry. */
const MISSING_CODES = new Set(['ENOENT', 'EACCES', 'ENOTDIR']);

export function findOnPath(program: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch (error) {
      // Not in this directory (ENOENT) or not executable (EACCES): try the next one.
      if (!(error instanceof Error && 'code' in error && MISSING_CODES.has(String(error.code)))) throw error;
    }
  }
  return undefined;
}
