import type { Evidence, RuleSettings, SteeringRule, SuggestionAction } from '../../protocol/steering';
import type { TaskId, TaskInfo } from '../../protocol/task';
import type { FileChange, Proof } from '../../protocol/verification';

/**
 * What a steering rule sees, and what it proposes. Rules are pure functions of this input
 * and their settings, so each is tested over recorded screens and events.
 */
export type RuleTrigger = 'turn-end' | 'tick' | 'verified' | 'child-ended' | 'budget' | 'conflict';

export interface ErrorSeen {
  count: number;
  sample: string;
  at: number;
}

export interface RuleInput {
  task: TaskInfo;
  trigger: RuleTrigger;
  now: number;
  /** What the agent said in its last turn (Claude's Stop hook), else the turn on screen. */
  turnText: string;
  screen: string;
  outputSeq: number | null;
  /** Files changed in the workspace since the task started; null when not known. */
  files: FileChange[] | null;
  /** Text of changed files (bounded), for stub detection. */
  fileTexts: ReadonlyArray<{ path: string; text: string }>;
  proof: Proof | null;
  /** Error lines seen on this task so far, by normalised text. */
  errors: ReadonlyMap<string, ErrorSeen>;
  /** When the agent's screen (minus spinner chrome) last changed. */
  quietSince: number;
  /** For child-ended: the child and what it said last. */
  child: { task: TaskInfo; message: string | null } | null;
  budget: { kind: 'wall' | 'turns' | 'tokens'; limit: number; used: number } | null;
  conflict: { path: string; otherTaskIds: TaskId[] } | null;
}

export interface SuggestionDraft {
  rule: SteeringRule;
  /** The task the suggestion acts on (a child's result goes to its parent). */
  taskId: TaskId;
  title: string;
  message: string;
  confidence: number;
  action: SuggestionAction;
  evidence: Evidence[];
  /** Same key on the same task while one is open or snoozed: not raised again. */
  key: string;
  /** A finding about the newest state of something (a child's latest turn): raising it
   * expires the task's open or snoozed suggestions with the same `replaces`. */
  replaces?: string;
  /** A finding about a passing condition (a person kept waiting, an agent silent): it holds
   * while this is true of the task, and expires once it is not (an "Approve" left open
   * after someone answered in the pane would be answered to the next question). */
  holds?: (task: TaskInfo) => boolean;
}

export type Rule = (input: RuleInput, settings: RuleSettings) => SuggestionDraft | null;

/** Fills {name} placeholders of a message template. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

export function evidence(kind: Evidence['kind'], text: string, at: number, outputSeq: number | null, path: string | null = null): Evidence {
  return { kind, text: text.length > 400 ? `${text.slice(0, 397)}...` : text, at, outputSeq, path };
}
