import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startScriptedModel, type ScriptedModel } from '../../scripted-model/server';
import type { ConsoleConfig } from '../config';

/**
 * Which model the console's Claude Code instances talk to. With the user's own login
 * ('real') nothing is overridden. Offline ('scripted', or 'auto' on a machine with no Claude
 * credentials) the console starts its scripted model server on loopback, so the demo and
 * the tests run the real CLI with no provider.
 */
export interface AgentModel {
  /** null: the provider, with the user's own login. */
  current(): { baseUrl: string; apiKey: string } | null;
  describe(): string;
  close(): Promise<void>;
}

/** The key the CLI is told to use against a local model server; it is never sent anywhere else. */
const LOCAL_KEY = 'sk-ant-axiom-local-model';

export async function resolveAgentModel(
  choice: ConsoleConfig['agentModel'],
  machine: { homeDir: string; env: Readonly<Record<string, string | undefined>> },
): Promise<AgentModel> {
  if (typeof choice === 'object') {
    const model = { baseUrl: choice.url.replace(/\/$/, ''), apiKey: LOCAL_KEY };
    return { current: () => model, describe: () => `model server at ${model.baseUrl}`, close: async () => undefined };
  }
  const scripted = choice === 'scripted' || (choice === 'auto' && !hasClaudeCredentials(machine));
  if (!scripted) {
    return { current: () => null, describe: () => 'Claude with your own login', close: async () => undefined };
  }
  const server: ScriptedModel = await startScriptedModel();
  const model = { baseUrl: server.url, apiKey: LOCAL_KEY };
  return {
    current: () => model,
    describe: () => `the built-in scripted model at ${server.url} (no provider, no API key)`,
    close: () => server.close(),
  };
}

/** An API key, an OAuth token, or a logged-in CLI. */
export function hasClaudeCredentials(machine: { homeDir: string; env: Readonly<Record<string, string | undefined>> }): boolean {
  const { env, homeDir } = machine;
  if ((env['ANTHROPIC_API_KEY'] ?? '') !== '' || (env['CLAUDE_CODE_OAUTH_TOKEN'] ?? '') !== '') return true;
  if (existsSync(join(homeDir, '.claude', '.credentials.json'))) return true;
  try {
    const json: unknown = JSON.parse(readFileSync(join(homeDir, '.claude.json'), 'utf8'));
    return typeof json === 'object' && json !== null && 'oauthAccount' in json;
  } catch {
    return false;
  }
}
