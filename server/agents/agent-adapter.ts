import type { AgentKind, ApproveChoice } from '../../protocol/agent';
import type { InterruptKey } from '../../protocol/session';
import type { ScreenRuleSet } from './screen-rules/screen-rule-set';

/**
 * One adapter per agent kind: data plus small functions. It says how to launch the agent,
 * how to submit a prompt, how to interrupt it, and how to read its state. Everything the
 * console does with an agent goes through its adapter, so a new CLI is one new file.
 */
export interface LaunchContext {
  /** The folder the agent works in (its task's workspace). */
  cwd: string;
  /** The task's prompt when the adapter passes it at launch (initialPrompt 'arg'). */
  prompt: string | null;
  /** A private folder for this agent's files (settings, isolated HOME), created 0700. */
  agentDir: string;
  /** Where hooks report (loopback) and the per-session secret they present. */
  hookUrl: string;
  hookSecret: string;
  permissionMode: 'default' | 'acceptEdits';
  /** For custom commands (shell adapter): the command and its args. */
  command: string | null;
  args: string[];
  /** Offline mode: a scripted model server instead of the provider. */
  model: { baseUrl: string; apiKey: string } | null;
  /** The console's MCP server and this agent's own token (server/mcp/); agents that speak
   * MCP (claude) get it so they can spawn and steer children. Absent: no MCP. */
  mcp?: { url: string; token: string } | null;
}

export interface LaunchSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
}

export interface AgentAdapter {
  kind: AgentKind;
  /** What interrupts a turn: ESC for the agent CLIs, Ctrl-C for shells. */
  interruptKey: InterruptKey;
  /** Escalation, used only when the caller's policy asks for it: the next key to try. */
  escalateKey: InterruptKey | null;
  /** The first prompt: given on the command line, or typed once the agent is ready. */
  initialPrompt: 'arg' | 'type';
  /** Between the typed text and its Enter: agent CLIs read a CR in the same chunk as the
   * text as part of a paste. */
  submitDelayMs: number;
  /** How long to wait for a submitted prompt to show (busy, or a submit hook) before the
   * one retry of Enter. */
  confirmMs: number;
  /** How a submitted prompt proves itself: the agent turns busy (or a submit hook fires),
   * or, for shells whose screen reads busy as soon as text is typed, output follows Enter. */
  confirmBy: 'state' | 'output';
  /** Output silence longer than this reads as idle when nothing better is known; null:
   * silence says nothing about this agent (its spinner animates while it works). */
  quietMs: number | null;
  screenRules: ScreenRuleSet;
  /** The keys that pick each answer of a permission prompt. */
  approveKeys: Record<ApproveChoice, string>;
  launch(ctx: LaunchContext): Promise<LaunchSpec>;
}

/**
 * What full-screen agent CLIs (Claude Code, Codex, Gemini CLI) share: ESC stops a turn
 * (Ctrl-C only by explicit escalation), the first prompt goes on the command line, Enter
 * follows typed text after 120 ms, and a prompt proves itself by the agent turning busy.
 */
export const AGENT_CLI_DEFAULTS = {
  interruptKey: 'esc',
  escalateKey: 'ctrl-c',
  initialPrompt: 'arg',
  submitDelayMs: 120,
  confirmMs: 2500,
  confirmBy: 'state',
} as const satisfies Partial<AgentAdapter>;
