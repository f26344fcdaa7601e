import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildClaudeArgs,
  buildClaudeEnv,
  buildClaudeSettings,
  buildOfflineClaudeJson,
  type PermissionMode,
} from './claude-launch-plan';

/**
 * Everything needed to spawn one Claude Code instance: its private folder (settings with
 * the hooks, the hook secret, and in offline mode a throwaway HOME), argv and env. The
 * caller hands command/args/env to the session host.
 */

export interface ClaudeLaunchOptions {
  /** A private folder for this agent; created 0700. */
  agentDir: string;
  cwd: string;
  /** Where hook-reporter.mjs POSTs, e.g. http://127.0.0.1:3000/api/agent-hooks/<key>. */
  hookUrl: string;
  hookSecret: string;
  permissionMode: PermissionMode;
  claudePath: string;
  /** Offline / scripted mode: a model server and key, and a throwaway HOME. */
  model?: { baseUrl: string; apiKey: string };
  extraArgs?: string[];
}

export interface ClaudeLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
  settingsPath: string;
  /** The throwaway HOME in offline mode; null when the user's own HOME is kept. */
  homeDir: string | null;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const HOOK_REPORTER_PATH = path.join(HERE, 'hook-reporter.mjs');
const PROJECT_ROOT = path.resolve(HERE, '..', '..', '..');

export async function prepareClaudeLaunch(options: ClaudeLaunchOptions): Promise<ClaudeLaunch> {
  const agentDir = path.resolve(options.agentDir);
  const cwd = path.resolve(options.cwd);
  await mkdir(agentDir, { recursive: true, mode: 0o700 });
  // mkdir's mode is ignored for a folder that already exists (and masked by umask).
  await chmod(agentDir, 0o700);

  // The secret travels in a file, not argv: a command line is readable by every user.
  const secretPath = path.join(agentDir, 'hook-secret');
  await writePrivate(secretPath, options.hookSecret);
  const settingsPath = path.join(agentDir, 'settings.json');
  const settings = buildClaudeSettings({
    // The server's own node, absolute: the agent's PATH may lack node or hold another one.
    nodePath: process.execPath,
    reporterPath: HOOK_REPORTER_PATH,
    hookUrl: options.hookUrl,
    secretPath,
  });
  await writePrivate(settingsPath, `${JSON.stringify(settings, null, 2)}\n`);

  let homeDir: string | null = null;
  if (options.model) {
    homeDir = path.join(agentDir, 'home');
    await mkdir(homeDir, { recursive: true, mode: 0o700 });
    const claudeJson = buildOfflineClaudeJson({ apiKey: options.model.apiKey, cwd });
    await writePrivate(path.join(homeDir, '.claude.json'), `${JSON.stringify(claudeJson, null, 2)}\n`);
  }

  return {
    command: options.claudePath,
    args: buildClaudeArgs({ settingsPath, permissionMode: options.permissionMode, extraArgs: options.extraArgs }),
    env: buildClaudeEnv({ homeDir, model: options.model }),
    settingsPath,
    homeDir,
  };
}

async function writePrivate(file: string, content: string): Promise<void> {
  await writeFile(file, content, { mode: 0o600 });
  // writeFile's mode only applies when it creates the file.
  await chmod(file, 0o600);
}

function isExecutableFile(p: string): boolean {
  try {
    return statSync(p).isFile() && (statSync(p).mode & 0o111) !== 0;
  } catch {
    // Missing or unreadable: simply not a candidate.
    return false;
  }
}

/** `claude` on PATH (what a user installed), or null. */
export function findClaudeOnPath(pathVar: string = process.env.PATH ?? ''): string | null {
  for (const dir of pathVar.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'claude');
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/** The project's own copy (node_modules/.bin/claude), for offline demos and tests. */
export function bundledClaudePath(): string | null {
  const p = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'claude');
  return existsSync(p) && isExecutableFile(p) ? p : null;
}
