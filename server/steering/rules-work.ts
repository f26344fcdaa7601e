import type { Rule } from './rule-types';
import { evidence, fill } from './rule-types';
import { claimLines, planningLines, stubLines } from './text-signals';

/**
 * Rules about the work itself, evaluated when a turn ends: planning without code, stubs left
 * in the files, and claims of completion the workspace does not back.
 */
export const planningWithoutCode: Rule = (input, settings) => {
  if (input.trigger !== 'turn-end' || input.files === null) return null;
  const changed = input.files.length;
  if (changed > (settings.thresholds['maxFilesChanged'] ?? 0)) return null;
  const lines = planningLines(input.turnText);
  if (lines.length < (settings.thresholds['minPhrases'] ?? 1)) return null;
  return {
    rule: 'planning-without-code',
    taskId: input.task.id,
    title: `Planning without code (${changed === 0 ? 'no file changed' : `${changed} file changed`})`,
    message: fill(settings.message, { task: input.task.prompt.split('\n')[0] ?? '' }),
    confidence: Math.min(0.95, 0.65 + 0.1 * lines.length),
    action: 'inject',
    evidence: [
      ...lines.map((l) => evidence('screen', l, input.now, input.outputSeq)),
      evidence('file', changed === 0 ? 'no file changed in the workspace' : `${changed} file(s) changed`, input.now, null),
    ],
    key: `planning:${input.task.usage.turns}`,
  };
};

export const todoStubs: Rule = (input, settings) => {
  if (input.trigger !== 'turn-end' && input.trigger !== 'verified') return null;
  const found = input.fileTexts.flatMap((f) => stubLines(f.path, f.text, 3));
  if (found.length < (settings.thresholds['minStubs'] ?? 1)) return null;
  const files = [...new Set(found.map((f) => f.split(':')[0] ?? ''))];
  return {
    rule: 'todo-stubs',
    taskId: input.task.id,
    title: `Stubs left in ${files.join(', ')}`,
    message: fill(settings.message, { files: files.join(', '), stubs: found.slice(0, 5).join('\n') }),
    confidence: 0.8,
    action: 'inject',
    evidence: found.slice(0, 8).map((line) => evidence('file', line, input.now, null, line.split(':')[0] ?? null)),
    key: `stubs:${found.join('|')}`,
  };
};

export const unverifiedClaim: Rule = (input, settings) => {
  if (input.trigger !== 'turn-end' && input.trigger !== 'verified') return null;
  const claims = claimLines(input.turnText);
  if (claims.length === 0) return null;
  const noFiles = input.files !== null && input.files.length === 0;
  const failing = input.proof?.state === 'needs-work' && input.proof.check !== null && input.proof.check.exitCode !== 0;
  if (!noFiles && !failing) return null;
  const reason = noFiles
    ? 'no file changed in the workspace'
    : `the check \`${input.proof?.check?.command ?? ''}\` fails (exit ${String(input.proof?.check?.exitCode ?? '?')})`;
  const tail = failing ? (input.proof?.check?.outputTail ?? '').split('\n').slice(-15).join('\n') : '';
  return {
    rule: 'unverified-claim',
    taskId: input.task.id,
    title: `Says it is done, but ${reason}`,
    message: fill(settings.message, { reason, tail: tail === '' ? '' : `\n${tail}` }).trim(),
    confidence: 0.9,
    action: 'inject',
    evidence: [
      ...claims.map((l) => evidence('screen', l, input.now, input.outputSeq)),
      evidence(failing ? 'check' : 'file', failing ? tail || reason : reason, input.now, null),
    ],
    key: `claim:${input.task.usage.turns}:${noFiles ? 'nofiles' : 'failing'}`,
  };
};
