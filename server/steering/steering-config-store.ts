import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file';
import { err, ok, type Result } from '../../protocol/result';
import {
  ruleSettingsPatchSchema,
  STEERING_RULES,
  type RuleSettings,
  type SteeringConfig,
  type SteeringConfigPatch,
  type SteeringRule,
} from '../../protocol/steering';
import { DEFAULT_STEERING_CONFIG } from './steering-config';

/**
 * Changing the rules' settings while the console runs (from the UI or the API) and keeping
 * the change: a patch is merged into the settings in force, and what differs from the
 * defaults is written to `<data dir>/steering.json`, the file loadSteeringConfig reads at
 * start. Only the differences are written, so a later release's better default message
 * still reaches a user who only ever changed a threshold.
 */
export const STEERING_CONFIG_FILE = 'steering.json';

/** Only the owner reads it: messages may name projects or people. */
const CONFIG_FILE_MODE = 0o600;

/**
 * The settings after `patch`, or invalid:payload. A threshold key the rule does not have
 * is refused: the rule would never read it, and the person would believe it applied.
 * Never mutates `config`.
 */
export function applyConfigPatch(config: SteeringConfig, patch: SteeringConfigPatch): Result<SteeringConfig> {
  const next: SteeringConfig = structuredClone(config);
  for (const rule of STEERING_RULES) {
    const p = patch[rule];
    if (p === undefined) continue;
    const known = Object.keys(DEFAULT_STEERING_CONFIG[rule].thresholds);
    const thresholds = { ...next[rule].thresholds };
    for (const [key, value] of Object.entries(p.thresholds ?? {})) {
      if (!known.includes(key)) {
        const has = known.length === 0 ? 'has no thresholds' : `has ${known.join(', ')}`;
        return err('invalid:payload', `${rule}: unknown threshold "${key}" (the rule ${has})`);
      }
      thresholds[key] = value;
    }
    next[rule] = {
      enabled: p.enabled ?? next[rule].enabled,
      thresholds,
      message: p.message ?? next[rule].message,
    };
  }
  return ok(next);
}

/** Per rule, the fields that differ from the defaults (what the file needs to hold). */
export function configOverrides(config: SteeringConfig): Partial<Record<keyof SteeringConfig, Partial<RuleSettings>>> {
  const out: Partial<Record<keyof SteeringConfig, Partial<RuleSettings>>> = {};
  for (const rule of STEERING_RULES) {
    const base = DEFAULT_STEERING_CONFIG[rule];
    const now = config[rule];
    const o: Partial<RuleSettings> = {};
    if (now.enabled !== base.enabled) o.enabled = now.enabled;
    const thresholds = Object.fromEntries(Object.entries(now.thresholds).filter(([k, v]) => base.thresholds[k] !== v));
    if (Object.keys(thresholds).length > 0) o.thresholds = thresholds;
    if (now.message !== base.message) o.message = now.message;
    if (Object.keys(o).length > 0) out[rule] = o;
  }
  return out;
}

/**
 * Writes the overrides atomically: a temp file in the same folder, then a rename, so a
 * crash or a full disk mid-write leaves the previous file whole instead of a truncated
 * one that loadSteeringConfig would reject (and fall back to every default).
 */
export function saveSteeringConfig(dataDir: string, config: SteeringConfig): string {
  const path = join(dataDir, STEERING_CONFIG_FILE);
  writeFileAtomic(path, `${JSON.stringify(configOverrides(config), null, 2)}\n`, CONFIG_FILE_MODE);
  return path;
}

/**
 * The settings in force at start: the defaults with `<data dir>/steering.json` applied.
 * The file is read with the same schema and checks as a change from the UI or the API
 * ({ "<rule>": { "enabled": false, "thresholds": {...}, "message": "..." } }). A hand
 * edit that does not pass is reported through `onError` rule by rule; the other rules'
 * settings still apply, and a broken rule keeps its defaults.
 */
export function loadSteeringConfig(dataDir: string, onError: (message: string) => void): SteeringConfig {
  let config: SteeringConfig = structuredClone(DEFAULT_STEERING_CONFIG);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dataDir, STEERING_CONFIG_FILE), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onError(`${STEERING_CONFIG_FILE} ignored: ${String(error)}`);
    return config;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    onError(`${STEERING_CONFIG_FILE} ignored: not an object of rules`);
    return config;
  }
  for (const [rule, value] of Object.entries(raw)) {
    if (!(STEERING_RULES as readonly string[]).includes(rule)) {
      onError(`${STEERING_CONFIG_FILE}: unknown rule "${rule}" ignored (rules: ${STEERING_RULES.join(', ')})`);
      continue;
    }
    const applied = applyRuleFromFile(config, rule as SteeringRule, value);
    if (applied.ok) config = applied.value;
    else onError(`${STEERING_CONFIG_FILE}: ${rule} ignored: ${applied.error.message}`);
  }
  return config;
}

function applyRuleFromFile(config: SteeringConfig, rule: SteeringRule, value: unknown): Result<SteeringConfig> {
  const parsed = ruleSettingsPatchSchema.safeParse(value);
  if (!parsed.success) return err('invalid:payload', parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; '));
  return applyConfigPatch(config, { [rule]: parsed.data });
}

