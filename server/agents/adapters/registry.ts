import type { AgentKind } from '../../../protocol/agent';
import type { AgentAdapter } from '../agent-adapter';
import { claudeAdapter, claudeCommand } from './claude';
import { aiderAdapter, codexAdapter, geminiAdapter } from './generic-cli';
import { shellAdapter } from './shell';

const ADAPTERS: Record<AgentKind, AgentAdapter> = {
  claude: claudeAdapter,
  codex: codexAdapter,
  gemini: geminiAdapter,
  aider: aiderAdapter,
  shell: shellAdapter,
};

/** The adapter for a kind; anything unknown is run as a plain command. */
export function adapterFor(kind: string | undefined): AgentAdapter {
  if (kind !== undefined && Object.hasOwn(ADAPTERS, kind)) return ADAPTERS[kind as AgentKind];
  return shellAdapter;
}

/** claude when a Claude Code CLI is available, else a shell. */
export function defaultAgentKind(): AgentKind {
  return claudeCommand() === null ? 'shell' : 'claude';
}
