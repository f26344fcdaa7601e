/**
 * The pure half of launching Claude Code: the settings JSON (hooks), the `.claude.json`
 * of an offline home, the argv and the environment. No I/O, so every choice is testable;
 * claude-launch.ts writes the files and returns the spawn plan.
 */

/** Hook events wired to the reporter: every name here is one 2.1.197 knows (it starts with
 * them and all but PostToolUseFailure/SubagentStop fired in the fixture recording; see
 * screen-rules/fixtures/claude-2.1.197/README.md). Each is a state signal: a prompt went in,
 * a tool is about to run / ran / failed, the CLI needs a person (PermissionRequest at once,
 * Notification only after ~6 s), the turn ended or failed, the session began / ended. */
export const CLAUDE_HOOK_EVENTS = [
  'SessionStart',
  'UserPromptSubmit',
  'PreToolUse',
  'PostToolUse',
  'PostToolUseFailure',
  'Notification',
  'PermissionRequest',
  'Stop',
  'StopFailure',
  'SubagentStop',
  'SessionEnd',
] as const;
export type ClaudeHookEvent = (typeof CLAUDE_HOOK_EVENTS)[number];

/** The hook command gets killed after this many seconds by the CLI; the reporter gives up
 * by itself after 1.5 s, so this is only a backstop. */
const HOOK_TIMEOUT_S = 5;

export type PermissionMode = 'default' | 'acceptEdits';

/** POSIX shell single-quoting: the hook command is run by a shell. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface HookCommandInput {
  nodePath: string;
  reporterPath: string;
  hookUrl: string;
  secretPath: string;
}

export function hookCommand(i: HookCommandInput): string {
  return [i.nodePath, i.reporterPath, i.hookUrl, i.secretPath].map(shellQuote).join(' ');
}

export function buildClaudeSettings(i: HookCommandInput): Record<string, unknown> {
  const command = hookCommand(i);
  const hooks: Record<string, unknown> = {};
  for (const event of CLAUDE_HOOK_EVENTS) {
    // matcher "" matches every tool for the tool events and is ignored by the others.
    hooks[event] = [{ matcher: '', hooks: [{ type: 'command', command, timeout: HOOK_TIMEOUT_S }] }];
  }
  return { hooks };
}

/** Claude Code remembers an approved custom key by its last 20 characters. */
const KEY_TAIL_CHARS = 20;

/**
 * `.claude.json` for a throwaway home that pre-answers every first-run dialog: the
 * onboarding (theme picker plus a connectivity check that fails offline), "use this API
 * key?", and "do you trust this folder?".
 */
export function buildOfflineClaudeJson(input: { apiKey: string; cwd: string }): Record<string, unknown> {
  return {
    hasCompletedOnboarding: true,
    theme: 'dark',
    customApiKeyResponses: { approved: [input.apiKey.slice(-KEY_TAIL_CHARS)], rejected: [] },
    projects: { [input.cwd]: { hasTrustDialogAccepted: true, hasCompletedProjectOnboarding: true } },
  };
}

export function buildClaudeArgs(input: { settingsPath: string; permissionMode: PermissionMode; extraArgs?: string[] }): string[] {
  return ['--settings', input.settingsPath, '--permission-mode', input.permissionMode, ...(input.extraArgs ?? [])];
}

/** Environment additions (merged over the process env by the session host). Empty for a
 * real user, whose HOME and login must keep working. */
export function buildClaudeEnv(input: { homeDir: string | null; model?: { baseUrl: string; apiKey: string } }): Record<string, string> {
  if (!input.model || !input.homeDir) return {};
  return {
    HOME: input.homeDir,
    ANTHROPIC_BASE_URL: input.model.baseUrl,
    ANTHROPIC_API_KEY: input.model.apiKey,
    // A real token in the server's env would win over the API key; the offline model must.
    ANTHROPIC_AUTH_TOKEN: '',
    DISABLE_TELEMETRY: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
  };
}
