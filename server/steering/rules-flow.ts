import type { Rule } from './rule-types';
import { evidence, fill } from './rule-types';
import { claimLines } from './text-signals';

/**
 * Rules about how the work flows: the same error again and again, a person kept waiting,
 * an agent busy but silent, a child's result for its parent, a failed check, a budget
 * crossed, two tasks editing one file.
 */
export const repeatedError: Rule = (input, settings) => {
  const min = settings.thresholds['repeats'] ?? 3;
  let worst: { key: string; count: number; sample: string; at: number } | null = null;
  for (const [key, seen] of input.errors) if (seen.count >= min && (worst === null || seen.count > worst.count)) worst = { key, ...seen };
  if (worst === null) return null;
  const busy = input.task.state === 'busy';
  return {
    rule: 'repeated-error',
    taskId: input.task.id,
    title: `The same error ${worst.count} times`,
    message: fill(settings.message, { error: worst.sample, count: worst.count }),
    confidence: Math.min(0.9, 0.6 + 0.05 * worst.count),
    action: busy ? 'interrupt-inject' : 'inject',
    evidence: [evidence('screen', worst.sample, worst.at, input.outputSeq)],
    key: `error:${worst.key}`,
  };
};

export const waitingTooLong: Rule = (input, settings) => {
  const status = input.task.status;
  if (input.trigger !== 'tick' || status === null || status.state !== 'waiting') return null;
  const waitedS = Math.floor((input.now - status.since) / 1000);
  if (waitedS < (settings.thresholds['waitSeconds'] ?? 30)) return null;
  const question = status.waiting?.question ?? 'an answer';
  // Creating or editing a file inside the task's own workspace is what the task is for:
  // safe to propose "yes". Anything else (commands, network) is only notified.
  const safe = /Do you want to (create|make this edit to|overwrite) /i.test(question);
  return {
    rule: 'waiting-too-long',
    taskId: input.task.id,
    title: `Waiting for you for ${waitedS} s: ${question}`,
    message: safe ? fill(settings.message, { question }) : '',
    confidence: safe ? 0.6 : 0.3,
    action: safe ? 'approve' : 'notify',
    evidence: [evidence('screen', question, status.since, input.outputSeq)],
    key: `waiting:${status.since}`,
    holds: (task) => task.status?.state === 'waiting' && task.status.since === status.since,
  };
};

export const silentWhileBusy: Rule = (input, settings) => {
  if (input.trigger !== 'tick' || input.task.state !== 'busy') return null;
  const quietS = Math.floor((input.now - input.quietSince) / 1000);
  if (quietS < (settings.thresholds['silentSeconds'] ?? 180)) return null;
  const line = input.task.status?.lastLine ?? '';
  return {
    rule: 'silent-while-busy',
    taskId: input.task.id,
    title: `Busy with no visible progress for ${Math.round(quietS / 60)} min`,
    message: fill(settings.message, { minutes: Math.round(quietS / 60) }),
    confidence: 0.5,
    action: 'interrupt-inject',
    evidence: [evidence('screen', line, input.quietSince, input.outputSeq)],
    key: `silent:${input.quietSince}`,
    // Progress on screen (quietSince follows the last line) or the turn over: it lapsed.
    holds: (task) => task.state === 'busy' && (task.status?.lastLine ?? '') === line,
  };
};

export const childFinished: Rule = (input, settings) => {
  const child = input.child;
  if (input.trigger !== 'child-ended' || child === null || input.task.state === 'exited') return null;
  const verdict = child.task.verification === null ? child.task.state : child.task.verification.state;
  const said = (child.message ?? child.task.status?.lastLine ?? '').trim();
  const result = said.length > 800 ? `${said.slice(0, 797)}...` : said;
  return {
    rule: 'child-finished',
    taskId: input.task.id,
    title: `Child "${child.task.name}" finished (${verdict})`,
    message: fill(settings.message, { child: child.task.name, verdict, result, workspace: child.task.workspace?.path ?? '' }),
    confidence: 0.7,
    action: 'inject',
    evidence: [evidence('event', `${child.task.name}: ${verdict}`, input.now, null), ...(result === '' ? [] : [evidence('screen', result, input.now, null)])],
    key: `child:${child.task.id}:${child.task.usage.turns}`,
    // A child's later turn supersedes what its earlier one reported.
    replaces: `child:${child.task.id}`,
  };
};

export const checkFailed: Rule = (input, settings) => {
  const proof = input.proof;
  if (input.trigger !== 'verified' || proof === null || proof.state !== 'needs-work') return null;
  // Only a check that ran and failed: "no file changed" alone is the claim and planning
  // rules' call; and a turn that claims success is the unverified-claim rule's, so one
  // finding is raised once.
  if (proof.check === null || (proof.check.exitCode === 0 && proof.check.signal === null)) return null;
  if (claimLines(input.turnText).length > 0) return null;
  const tail = (proof.check?.outputTail ?? '').split('\n').slice(-20).join('\n');
  return {
    rule: 'check-failed',
    taskId: input.task.id,
    title: `Not verified: ${proof.reason}`,
    message: fill(settings.message, { reason: proof.reason, command: proof.check?.command ?? '', tail }),
    confidence: 0.9,
    action: 'inject',
    evidence: [evidence('check', tail === '' ? proof.reason : tail, proof.at, null)],
    key: `check:${proof.attempt}:${proof.at}`,
  };
};

export const budgetExceeded: Rule = (input, settings) => {
  const b = input.budget;
  if (input.trigger !== 'budget' || b === null) return null;
  return {
    rule: 'budget-exceeded',
    taskId: input.task.id,
    title: `Budget crossed: ${b.kind} ${b.used} of ${b.limit}`,
    message: fill(settings.message, { kind: b.kind, used: b.used, limit: b.limit }),
    confidence: 1,
    action: 'notify',
    evidence: [evidence('event', `${b.kind}: ${b.used} > ${b.limit}`, input.now, input.outputSeq)],
    key: `budget:${b.kind}`,
  };
};

export const editConflict: Rule = (input, settings) => {
  const c = input.conflict;
  if (input.trigger !== 'conflict' || c === null) return null;
  return {
    rule: 'edit-conflict',
    taskId: input.task.id,
    title: `Also edited by ${c.otherTaskIds.join(', ')}: ${c.path}`,
    message: fill(settings.message, { path: c.path, others: c.otherTaskIds.join(', ') }),
    confidence: 0.6,
    action: 'notify',
    evidence: [evidence('file', c.path, input.now, null, c.path)],
    key: `conflict:${c.path}`,
  };
};
