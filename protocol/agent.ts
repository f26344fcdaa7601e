import { z } from 'zod';

/**
 * Agents as the protocol sees them: the kinds the console can launch, the states an agent
 * session moves through, and which signal decided the current state.
 */
export const AGENT_KINDS = ['claude', 'codex', 'gemini', 'aider', 'shell'] as const;
export const agentKindSchema = z.enum(AGENT_KINDS);
export type AgentKind = z.infer<typeof agentKindSchema>;

/**
 * starting: launched, not yet ready for a prompt. busy: working on a turn. waiting: needs a
 * person (a permission prompt or a question). idle: the turn finished, ready for the next
 * prompt. exited: the process is gone (see exitCode).
 */
export const AGENT_STATES = ['starting', 'busy', 'waiting', 'idle', 'exited'] as const;
export const agentStateSchema = z.enum(AGENT_STATES);
export type AgentState = z.infer<typeof agentStateSchema>;

/** The signals state is fused from, strongest first. `process` is the PTY's own exit. */
export const STATE_SIGNALS = ['process', 'hook', 'transcript', 'title', 'screen', 'silence'] as const;
export type StateSignal = (typeof STATE_SIGNALS)[number];

/** One choice of a permission prompt, as the agent numbered it. */
export interface PromptChoice {
  /** What the console sends to pick it (e.g. "1"). */
  key: string;
  label: string;
}

/** What an agent in `waiting` is waiting for. */
export interface WaitingInfo {
  kind: 'permission' | 'answer';
  /** The question as the agent shows it, e.g. "Do you want to create hello.txt?". */
  question: string;
  choices: PromptChoice[];
}

export const approveChoiceSchema = z.enum(['yes', 'yes-all', 'no']);
export type ApproveChoice = z.infer<typeof approveChoiceSchema>;

/** The fused state of one agent session. */
export interface AgentStatus {
  state: AgentState;
  /** The signal that decided `state`. */
  signal: StateSignal;
  /** When the agent entered `state` (ms since epoch). */
  since: number;
  waiting: WaitingInfo | null;
  /** Set while two live signals have disagreed for longer than the tolerance: a sign that
   * a CLI update broke a screen rule. Names the signals and what each said. */
  disagreement: { signals: Array<{ signal: StateSignal; state: AgentState }>; since: number } | null;
  /** The last non-empty line of the agent's screen, for the DAG node. */
  lastLine: string;
  exitCode: number | null;
}

/** The life of one prompt sent to an agent. */
export const RECEIPT_STATUSES = ['queued', 'typed', 'submitted', 'failed'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

export interface PromptReceipt {
  id: string;
  /** First 200 characters of the prompt. */
  text: string;
  mode: 'queue' | 'now';
  status: ReceiptStatus;
  /** Enter presses it took (1, or 2 after the one retry). */
  enters: number;
  at: number;
  /** Why it failed, for `failed`. */
  reason: string | null;
}

export const INTERRUPT_OUTCOMES = ['stopped', 'not-busy', 'still-busy', 'escalated'] as const;
export interface InterruptOutcome {
  outcome: (typeof INTERRUPT_OUTCOMES)[number];
  /** The keys sent, in order (e.g. ["esc"] or ["esc", "ctrl-c"]). */
  keys: string[];
  /** From the first key to the busy signal stopping (or the give-up time). */
  ms: number;
}
