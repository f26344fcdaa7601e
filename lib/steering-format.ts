import type { Intervention, SteeringRule, Suggestion, SuggestionAction, SuggestionState } from '../protocol/steering';
import type { TaskInfo } from '../protocol/task';
import type { VerificationState } from '../protocol/verification';
import type { StatusTone } from './session-format';

/**
 * How steering and verification read in the dashboard: labels, tones and the small
 * number formats shared by the inbox, the task rows, the DAG and the panes.
 */

/** What a rule's threshold means, for the rules dialog (the config keeps the API's key,
 * which the README and steering.json document). An unknown key shows as itself. */
export const THRESHOLD_LABEL: Readonly<Record<string, { label: string; title: string }>> = {
  minPhrases: { label: 'planning lines, at least', title: 'Propose once the agent wrote this many lines of plans or research…' },
  maxFilesChanged: { label: 'files changed, at most', title: '…while it changed no more than this many files' },
  minStubs: { label: 'stubs, at least', title: 'Propose once the changed files hold this many TODO or stub markers' },
  repeats: { label: 'same error, times', title: 'Propose once the same error line appeared this many times' },
  waitSeconds: { label: 'waiting, seconds', title: 'Propose once the agent waited this long for an answer' },
  silentSeconds: { label: 'no output, seconds', title: 'Propose once a busy agent printed nothing for this long' },
};

export function thresholdLabel(key: string): { label: string; title: string } {
  return THRESHOLD_LABEL[key] ?? { label: key, title: key };
}

export const RULE_LABEL: Record<SteeringRule, string> = {
  'planning-without-code': 'Planning without code',
  'todo-stubs': 'TODO stubs',
  'unverified-claim': 'Unverified claim',
  'repeated-error': 'Repeated error',
  'waiting-too-long': 'Waiting too long',
  'silent-while-busy': 'Silent while busy',
  'child-finished': 'Child finished',
  'check-failed': 'Check failed',
  'budget-exceeded': 'Budget exceeded',
  'edit-conflict': 'Edit conflict',
};

/** The accept button says what accepting does. */
export const ACTION_LABEL: Record<SuggestionAction, string> = {
  inject: 'Send',
  'interrupt-inject': 'Interrupt & send',
  approve: 'Approve',
  notify: 'Got it',
};

/** Actions whose message goes to the agent, so the inbox offers it for editing. */
export function carriesMessage(action: SuggestionAction): boolean {
  return action === 'inject' || action === 'interrupt-inject';
}

export const SUGGESTION_STATE_TONE: Record<SuggestionState, StatusTone | 'accent'> = {
  open: 'warn',
  snoozed: 'idle',
  accepted: 'ok',
  'auto-applied': 'accent',
  dismissed: 'idle',
  expired: 'idle',
};

/** 0.876 → "88%". Clamped: a rule that reports 1.2 is still "100%". */
export function formatConfidence(confidence: number): string {
  return `${Math.round(Math.min(1, Math.max(0, confidence)) * 100)}%`;
}

/** High (≥ 80%) reads as amber, medium as the accent, low as grey: how much to trust it. */
export function confidenceTone(confidence: number): StatusTone | 'accent' {
  if (confidence >= 0.8) return 'warn';
  if (confidence >= 0.5) return 'accent';
  return 'idle';
}

export const VERIFICATION_TONE: Record<VerificationState, StatusTone | 'accent'> = {
  verified: 'ok',
  'needs-work': 'bad',
  checking: 'accent',
  pending: 'idle',
};

export const VERIFICATION_LABEL: Record<VerificationState, string> = {
  verified: 'verified',
  'needs-work': 'needs work',
  checking: 'checking',
  pending: 'pending',
};

/**
 * The state the verification badge shows, or null for a task with nothing to verify: no
 * summary yet and no check command of its own (a default check may still come, and then
 * the summary says so).
 */
export function verificationState(task: Pick<TaskInfo, 'verification' | 'check'>): VerificationState | null {
  if (task.verification) return task.verification.state;
  return task.check ? 'pending' : null;
}

/** The badge's tooltip: the reason, and which round of how many. */
export function verificationTitle(task: Pick<TaskInfo, 'verification' | 'check'>): string {
  const v = task.verification;
  if (!v) return task.check ? `Not verified yet; check: ${task.check}` : '';
  const retries = v.retriesAllowed > 0 ? ` · retries ${v.retriesUsed}/${v.retriesAllowed}` : '';
  return `${v.reason || VERIFICATION_LABEL[v.state]} (attempt ${v.attempt}${retries})`;
}

/** 950 → "950", 12_345 → "12.3k", 2_500_000 → "2.5M". */
export function formatTokens(n: number): string {
  if (n < 1_000) return String(Math.max(0, Math.round(n)));
  if (n < 1_000_000) return `${trim1(n / 1_000)}k`;
  return `${trim1(n / 1_000_000)}M`;
}

function trim1(x: number): string {
  return x >= 100 ? String(Math.round(x)) : x.toFixed(1).replace(/\.0$/, '');
}

/** "3 turns · 12.3k tokens", or null while nothing was used (a task that has not started). */
export function usageText(usage: TaskInfo['usage']): string | null {
  const tokens = usage.inputTokens + usage.outputTokens;
  if (usage.turns === 0 && tokens === 0) return null;
  const turns = `${usage.turns} turn${usage.turns === 1 ? '' : 's'}`;
  return tokens > 0 ? `${turns} · ${formatTokens(tokens)} tokens` : turns;
}

export function usageTitle(usage: TaskInfo['usage']): string {
  return `${usage.turns} turns; ${usage.inputTokens.toLocaleString('en')} input and ${usage.outputTokens.toLocaleString('en')} output tokens (where the agent reports them)`;
}

/** A wall-clock time, "14:03:27", in the viewer's zone: evidence and timelines are read live. */
export function formatClock(atMs: number): string {
  const d = new Date(atMs);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** 850 → "850 ms", 12_300 → "12.3 s", 125_000 → "2m 05s". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${trim1(ms / 1_000)} s`;
  const s = Math.round(ms / 1_000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

export const INTERVENTION_KIND_LABEL: Record<Intervention['kind'], string> = {
  prompt: 'prompt',
  interrupt: 'interrupt',
  approve: 'approve',
  steer: 'steer',
  broadcast: 'broadcast',
  'auto-steer': 'auto-steer',
  'budget-stop': 'budget stop',
  'verify-retry': 'verify retry',
};

/** Outcomes that read as success; anything else (an error code, "failed") is shown in red. */
export function outcomeTone(outcome: string): StatusTone {
  if (/^(ok|submitted|typed|delivered|stopped|queued|accepted|not-busy)$/.test(outcome)) return 'ok';
  if (/fail|error|refused|invalid|not_found|timeout|still-busy|escalated/.test(outcome)) return 'bad';
  return 'idle';
}

/** Who did it, for the timeline and the card footer. */
export function resolvedByText(s: Pick<Suggestion, 'resolvedBy' | 'state'>): string {
  if (s.state === 'auto-applied' || s.resolvedBy === 'auto') return 'auto-steer';
  if (s.resolvedBy === 'api') return 'the API';
  if (s.resolvedBy === 'person') return 'a person';
  return '';
}
