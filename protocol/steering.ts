import { z } from 'zod';
import type { PromptReceipt } from './agent';
import { DEFAULT_AUTO_STEER_CONFIDENCE, taskIdSchema, LIMITS_TASK, type TaskId } from './task';

/**
 * Steering: suggestions the console raises from what agents do (with their evidence), what
 * a person (or an auto-steer policy) did with them, and every intervention on an agent.
 */
declare const suggestionIdBrand: unique symbol;
export type SuggestionId = string & { readonly [suggestionIdBrand]: true };
export const SUGGESTION_ID_PATTERN = /^g-[a-z0-9]{6,32}$/;
export const suggestionIdSchema = z
  .string()
  .regex(SUGGESTION_ID_PATTERN, 'not a suggestion id')
  .transform((s) => s as SuggestionId);
export function parseSuggestionId(raw: unknown): SuggestionId | undefined {
  const r = suggestionIdSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}

export const STEERING_RULES = [
  'planning-without-code',
  'todo-stubs',
  'unverified-claim',
  'repeated-error',
  'waiting-too-long',
  'silent-while-busy',
  'child-finished',
  'check-failed',
  'budget-exceeded',
  'edit-conflict',
] as const;
export const steeringRuleSchema = z.enum(STEERING_RULES);
export type SteeringRule = z.infer<typeof steeringRuleSchema>;

/** What accepting a suggestion does. */
export const SUGGESTION_ACTIONS = ['inject', 'interrupt-inject', 'approve', 'notify'] as const;
export type SuggestionAction = (typeof SUGGESTION_ACTIONS)[number];

export const SUGGESTION_STATES = ['open', 'accepted', 'auto-applied', 'dismissed', 'snoozed', 'expired'] as const;
export type SuggestionState = (typeof SUGGESTION_STATES)[number];

/** At most this many resolved suggestions are listed with the pending ones (the inbox's
 * "Recent decisions", which a reload must not empty) and kept by the dashboard. */
export const MAX_RECENT_SUGGESTIONS = 100;

/** Why a rule fired: the lines or events that triggered it, linked to the moment in the output. */
export interface Evidence {
  kind: 'screen' | 'event' | 'file' | 'check';
  text: string;
  at: number;
  /** The session output offset at that moment (seek a recording or scroll a pane there). */
  outputSeq: number | null;
  /** For file evidence: the path in the workspace. */
  path: string | null;
}

export interface Suggestion {
  id: SuggestionId;
  taskId: TaskId;
  rule: SteeringRule;
  /** One line for the inbox, e.g. "Planning without code for 2 turns". */
  title: string;
  /** The proposed message to the agent (empty for notify-only suggestions). */
  message: string;
  /** 0..1: how sure the rule is. Auto-steer applies suggestions at or above the task's threshold. */
  confidence: number;
  action: SuggestionAction;
  evidence: Evidence[];
  state: SuggestionState;
  createdAt: number;
  resolvedAt: number | null;
  resolvedBy: 'person' | 'auto' | 'api' | null;
  /** What was actually sent (after an edit). */
  sentText: string | null;
  receipt: PromptReceipt | null;
  snoozedUntil: number | null;
}

/** Every intervention on an agent, human or automatic, with its outcome. */
export interface Intervention {
  id: string;
  taskId: TaskId;
  kind: 'prompt' | 'interrupt' | 'approve' | 'steer' | 'broadcast' | 'auto-steer' | 'budget-stop' | 'verify-retry';
  who: 'person' | 'auto' | 'api';
  text: string | null;
  at: number;
  /** e.g. the receipt status, the interrupt outcome, "ok" or an error code. */
  outcome: string;
  suggestionId: SuggestionId | null;
}

export const acceptSuggestionSchema = z
  .object({ text: z.string().min(1).max(LIMITS_TASK.maxPromptChars).optional() })
  .strict();
export const snoozeSuggestionSchema = z.object({ minutes: z.number().int().min(1).max(24 * 60).default(10) }).strict();
export const broadcastSchema = z
  .object({ taskIds: z.array(taskIdSchema).min(1).max(256), text: z.string().min(1).max(LIMITS_TASK.maxPromptChars), mode: z.enum(['queue', 'now']).default('queue') })
  .strict();
export const suggestionRefSchema = z.object({ id: suggestionIdSchema }).strict();
export const acceptSuggestionRequestSchema = acceptSuggestionSchema.extend({ id: suggestionIdSchema });
export const snoozeSuggestionRequestSchema = snoozeSuggestionSchema.extend({ id: suggestionIdSchema });

/** `suggestion:list` on a socket (no body: every task's pending suggestions). */
export const suggestionListRequestSchema = z
  .object({ taskId: taskIdSchema.optional(), recent: z.number().int().min(0).max(MAX_RECENT_SUGGESTIONS).optional() })
  .strict()
  .optional();

/** The per-task auto-steer policy: apply suggestions at or above `minConfidence` without a click. */
export const autoSteerSchema = z
  .object({ enabled: z.boolean(), minConfidence: z.number().min(0).max(1).default(DEFAULT_AUTO_STEER_CONFIDENCE) })
  .strict();
export type AutoSteer = z.infer<typeof autoSteerSchema>;
export const autoSteerRequestSchema = autoSteerSchema.extend({ id: taskIdSchema });

/** Rule settings, from the steering config file and the UI. */
export interface RuleSettings {
  enabled: boolean;
  /** Rule-specific thresholds (e.g. { waitSeconds: 30 }). */
  thresholds: Record<string, number>;
  /** The message template; {placeholders} are filled by the rule. */
  message: string;
}
export type SteeringConfig = Record<SteeringRule, RuleSettings>;

/**
 * A change to the rules' settings (PUT /api/steering/config, `steering:set-config`): per
 * rule, only the fields given change. Unknown rules and fields are refused rather than
 * ignored, so a typo is an error instead of a setting that silently does nothing. Which
 * threshold keys a rule has is checked on the server, which knows the rules.
 */
export const LIMITS_STEERING_CONFIG = {
  /** Room for a detailed instruction; far below the prompt limit, which also holds the filled placeholders. */
  maxMessageChars: 2000,
  maxThresholdKeyChars: 64,
} as const;
export const ruleSettingsPatchSchema = z
  .object({
    enabled: z.boolean().optional(),
    thresholds: z.record(z.string().min(1).max(LIMITS_STEERING_CONFIG.maxThresholdKeyChars), z.number().min(0)).optional(),
    message: z.string().trim().min(1).max(LIMITS_STEERING_CONFIG.maxMessageChars).optional(),
  })
  .strict();
export type RuleSettingsPatch = z.output<typeof ruleSettingsPatchSchema>;
export const steeringConfigPatchSchema = z.partialRecord(steeringRuleSchema, ruleSettingsPatchSchema);
export type SteeringConfigPatch = z.output<typeof steeringConfigPatchSchema>;
