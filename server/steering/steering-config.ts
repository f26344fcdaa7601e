import type { SteeringConfig, SteeringRule } from '../../protocol/steering';
import type { Rule } from './rule-types';
import { budgetExceeded, checkFailed, childFinished, editConflict, repeatedError, silentWhileBusy, waitingTooLong } from './rules-flow';
import { planningWithoutCode, todoStubs, unverifiedClaim } from './rules-work';

/**
 * The rules and their default settings. The user's overrides live in
 * `<data dir>/steering.json` (steering-config-store.ts).
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
