import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STEERING_RULES, type RuleSettings, type SteeringConfig, type SteeringRule } from '../../protocol/steering';
import type { Rule } from './rule-types';
import { budgetExceeded, checkFailed, childFinished, editConflict, repeatedError, silentWhileBusy, waitingTooLong } from './rules-flow';
import { planningWithoutCode, todoStubs, unverifiedClaim } from './rules-work';

/**
 * The rules, their default settings, and the user's overrides from
 * `<data dir>/steering.json` ({ "<rule>": { "enabled": false, "thresholds": {...}, "message": "..." } }).
 */
export const RULES: Record<SteeringRule, Rule> = {
  'planning-without-code': planningWithoutCode,
  'todo-stubs': todoStubs,
  'unverified-claim': unverifiedClaim,
  'repeated-error': repeatedError,
  'waiting-too-long': waitingTooLong,
  'silent-while-busy': silentWhileBusy,
  'child-finished': childFinished,
  'check-failed': checkFailed,
  'budget-exceeded': budgetExceeded,
  'edit-conflict': editConflict,
};

export const DEFAULT_STEERING_CONFIG: SteeringConfig = {
  'planning-without-code': {
    enabled: true,
    thresholds: { minPhrases: 1, maxFilesChanged: 0 },
    message: 'Stop planning and write the code now: {task}. Make the changes in the files directly; no more research or plans.',
  },
  'todo-stubs': {
    enabled: true,
    thresholds: { minStubs: 1 },
    message: 'Replace the stubs with working code, in {files}:\n{stubs}',
  },
  'unverified-claim': {
    enabled: true,
    thresholds: {},
    message: 'You said it is done, but {reason}. Fix it, then check it yourself before saying it is done.{tail}',
  },
  'repeated-error': {
    enabled: true,
    thresholds: { repeats: 3 },
    message: 'Try a different approach: the same error appeared {count} times: "{error}". Step back, find its cause, and change strategy.',
  },
  'waiting-too-long': { enabled: true, thresholds: { waitSeconds: 30 }, message: 'Approve: {question}' },
  'silent-while-busy': {
    enabled: true,
    thresholds: { silentSeconds: 180 },
    message: 'You have shown no progress for {minutes} min. Say in two lines where you are, then continue.',
  },
  'child-finished': {
    enabled: true,
    thresholds: {},
    message: 'Child task "{child}" finished ({verdict}). Its workspace: {workspace}. What it reported:\n{result}\nUse its result and continue.',
  },
  'check-failed': {
    enabled: true,
    thresholds: {},
    message: 'The work is not verified: {reason}. The check `{command}` ended with:\n{tail}\nFix it.',
  },
  'budget-exceeded': { enabled: true, thresholds: {}, message: 'Budget crossed ({kind}: {used} of {limit}); the agent was interrupted.' },
  'edit-conflict': {
    enabled: true,
    thresholds: {},
    message: '{path} is also being edited by {others}; consider running them one after the other (make one a child of the other).',
  },
};

export function loadSteeringConfig(dataDir: string, onError: (message: string) => void): SteeringConfig {
  const config: SteeringConfig = structuredClone(DEFAULT_STEERING_CONFIG);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dataDir, 'steering.json'), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onError(`steering.json ignored: ${String(error)}`);
    return config;
  }
  if (typeof raw !== 'object' || raw === null) return config;
  for (const rule of STEERING_RULES) {
    const o = (raw as Record<string, unknown>)[rule];
    if (typeof o !== 'object' || o === null) continue;
    config[rule] = mergeSettings(config[rule], o as Record<string, unknown>);
  }
  return config;
}

function mergeSettings(base: RuleSettings, o: Record<string, unknown>): RuleSettings {
  const thresholds = { ...base.thresholds };
  if (typeof o['thresholds'] === 'object' && o['thresholds'] !== null) {
    for (const [k, v] of Object.entries(o['thresholds'] as Record<string, unknown>)) if (typeof v === 'number' && Number.isFinite(v)) thresholds[k] = v;
  }
  return {
    enabled: typeof o['enabled'] === 'boolean' ? o['enabled'] : base.enabled,
    thresholds,
    message: typeof o['message'] === 'string' && o['message'] !== '' ? o['message'] : base.message,
  };
}
