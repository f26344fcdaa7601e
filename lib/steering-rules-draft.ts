import { LIMITS_STEERING_CONFIG, STEERING_RULES, type RuleSettingsPatch, type SteeringConfig, type SteeringConfigPatch, type SteeringRule } from '../protocol/steering';

/**
 * The Rules dialog's editable copy of the steering config, and the patch it sends: only
 * the fields a person changed, so two people editing different rules at once do not undo
 * each other's work. Thresholds are held as the text in their inputs and parsed on save,
 * so a half-typed number ("1.") never jumps while being typed.
 */
export interface RuleDraft {
  enabled: boolean;
  thresholds: Record<string, string>;
  message: string;
}
export type RulesDraft = Record<SteeringRule, RuleDraft>;

export type DraftPatch = { ok: true; patch: SteeringConfigPatch; changed: number } | { ok: false; error: string };

export function draftOf(config: SteeringConfig): RulesDraft {
  const out = {} as RulesDraft;
  for (const rule of STEERING_RULES) {
    const s = config[rule];
    out[rule] = {
      enabled: s.enabled,
      thresholds: Object.fromEntries(Object.entries(s.thresholds).map(([k, v]) => [k, String(v)])),
      message: s.message,
    };
  }
  return out;
}

/** What to send for `draft` over `config`; an error names the rule and field to fix. */
export function patchOf(config: SteeringConfig, draft: RulesDraft): DraftPatch {
  const patch: SteeringConfigPatch = {};
  let changed = 0;
  for (const rule of STEERING_RULES) {
    const base = config[rule];
    const d = draft[rule];
    const p: RuleSettingsPatch = {};
    if (d.enabled !== base.enabled) p.enabled = d.enabled;
    const thresholds: Record<string, number> = {};
    for (const [key, text] of Object.entries(d.thresholds)) {
      const value = text.trim() === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(value) || value < 0) return { ok: false, error: `${rule}: ${key} must be a number, 0 or more` };
      if (value !== base.thresholds[key]) thresholds[key] = value;
    }
    if (Object.keys(thresholds).length > 0) p.thresholds = thresholds;
    const message = d.message.trim();
    if (message === '') return { ok: false, error: `${rule}: the message cannot be empty` };
    if (message.length > LIMITS_STEERING_CONFIG.maxMessageChars) {
      return { ok: false, error: `${rule}: the message is longer than ${LIMITS_STEERING_CONFIG.maxMessageChars} characters` };
    }
    if (message !== base.message) p.message = message;
    if (Object.keys(p).length > 0) {
      patch[rule] = p;
      changed += 1;
    }
  }
  return { ok: true, patch, changed };
}
