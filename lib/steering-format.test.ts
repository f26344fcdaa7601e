import { describe, expect, it } from 'vitest';
import { DEFAULT_STEERING_CONFIG } from '../server/steering/steering-config';
import { suggestionNotices } from './notifications';
import { editedText } from './steering-commands';
import {
  confidenceTone, formatConfidence, thresholdLabel, formatDuration, formatTokens, outcomeTone, resolvedByText, usageText, verificationState, verificationTitle,
} from './steering-format';
import { parseUnifiedDiff, splitRows } from './unified-diff';
import { suggestion } from './testing/suggestion-fixture';
import { taskInfo } from './testing/task-fixture';

describe('steering formats', () => {
  it('formats confidence, clamped, with a tone by how sure it is', () => {
    expect(formatConfidence(0.876)).toBe('88%');
    expect(formatConfidence(1.2)).toBe('100%');
    expect(formatConfidence(-1)).toBe('0%');
    expect(confidenceTone(0.8)).toBe('warn');
    expect(confidenceTone(0.6)).toBe('accent');
    expect(confidenceTone(0.2)).toBe('idle');
  });

  it('formats tokens, usage and durations compactly', () => {
    expect(formatTokens(950)).toBe('950');
    expect(formatTokens(12_345)).toBe('12.3k');
    expect(formatTokens(2_000)).toBe('2k');
    expect(formatTokens(250_000)).toBe('250k');
    expect(formatTokens(2_500_000)).toBe('2.5M');
    expect(usageText({ turns: 0, inputTokens: 0, outputTokens: 0 })).toBeNull();
    expect(usageText({ turns: 1, inputTokens: 0, outputTokens: 0 })).toBe('1 turn');
    expect(usageText({ turns: 3, inputTokens: 10_000, outputTokens: 2_300 })).toBe('3 turns · 12.3k tokens');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_300)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2m 05s');
  });

  it('says which verification state a task shows, and why', () => {
    expect(verificationState(taskInfo('t-aaaaaa'))).toBeNull();
    expect(verificationState(taskInfo('t-aaaaaa', { check: 'npm test' }))).toBe('pending');
    const v = { state: 'needs-work' as const, reason: 'check failed (exit 1)', attempt: 2, retriesAllowed: 3, retriesUsed: 1 };
    expect(verificationState(taskInfo('t-aaaaaa', { verification: v }))).toBe('needs-work');
    expect(verificationTitle(taskInfo('t-aaaaaa', { verification: v }))).toBe('check failed (exit 1) (attempt 2 · retries 1/3)');
  });

  it('reads outcomes and who resolved a suggestion', () => {
    expect(outcomeTone('submitted')).toBe('ok');
    expect(outcomeTone('failed')).toBe('bad');
    expect(outcomeTone('refused:session-exited')).toBe('bad');
    expect(outcomeTone('something')).toBe('idle');
    expect(resolvedByText(suggestion('g-aaaaaa', { state: 'auto-applied', resolvedBy: 'auto' }))).toBe('auto-steer');
    expect(resolvedByText(suggestion('g-aaaaaa', { state: 'accepted', resolvedBy: 'person' }))).toBe('a person');
  });

  it('sends edited text only when it differs from the proposal', () => {
    expect(editedText('Do it now.', 'Do it now.  ')).toBeUndefined();
    expect(editedText('Do it now.', '   ')).toBeUndefined();
    expect(editedText('Do it now.', 'Do it now, and test it.')).toBe('Do it now, and test it.');
  });
});

describe('suggestionNotices', () => {
  const snap = (...xs: ReturnType<typeof suggestion>[]) => new Map(xs.map((x) => [x.id as string, x]));
  const name = (id: string): string => `task ${id}`;

  it('rings for new high-confidence open suggestions and reopened ones, once', () => {
    const a = suggestion('g-aaaaaa', { confidence: 0.9 });
    const low = suggestion('g-low000', { confidence: 0.4 });
    const notices = suggestionNotices(snap(), snap(a, low), name);
    expect(notices).toEqual([{ taskId: 't-aaaaaa', kind: 'suggestion', title: 'task t-aaaaaa: a suggestion to review', body: a.title }]);
    expect(suggestionNotices(snap(a), snap(a), name)).toEqual([]);
    const snoozed = { ...a, state: 'snoozed' as const };
    expect(suggestionNotices(snap(snoozed), snap(a), name)).toHaveLength(1);
    expect(suggestionNotices(snap(a), snap({ ...a, state: 'accepted' }), name)).toEqual([]);
  });
});

const GIT_DIFF = [
  'diff --git a/src/app.ts b/src/app.ts',
  'index 1111111..2222222 100644',
  '--- a/src/app.ts',
  '+++ b/src/app.ts',
  '@@ -1,3 +1,4 @@',
  ' import x from "x";',
  '-const a = 1;',
  '+const a = 2;',
  '+const b = 3;',
  ' export { a };',
  'diff --git a/new.txt b/new.txt',
  'new file mode 100644',
  '--- /dev/null',
  '+++ b/new.txt',
  '@@ -0,0 +1 @@',
  '+hello',
  'diff --git a/old.txt b/old.txt',
  'deleted file mode 100644',
  '--- a/old.txt',
  '+++ /dev/null',
  '@@ -1,2 +0,0 @@',
  '--- not a header',
  '-bye',
  '',
].join('\n');

describe('parseUnifiedDiff', () => {
  const files = parseUnifiedDiff(GIT_DIFF);

  it('splits files with their change kind and counts', () => {
    expect(files.map((f) => [f.path, f.change, f.additions, f.deletions])).toEqual([
      ['src/app.ts', 'modified', 2, 1],
      ['new.txt', 'added', 1, 0],
      ['old.txt', 'deleted', 0, 2],
    ]);
  });

  it('numbers lines on both sides, and reads "--- " inside a hunk as a deletion', () => {
    const app = files[0]?.lines.filter((l) => l.kind !== 'meta' && l.kind !== 'hunk') ?? [];
    expect(app.map((l) => [l.kind, l.oldNo, l.newNo])).toEqual([
      ['context', 1, 1], ['del', 2, null], ['add', null, 2], ['add', null, 3], ['context', 3, 4],
    ]);
    expect(files[2]?.lines.filter((l) => l.kind === 'del').map((l) => l.text)).toEqual(['-- not a header', 'bye']);
  });

  it('reads a plain diff -u and a diff cut off mid-hunk', () => {
    const plain = parseUnifiedDiff('--- a.txt\t2024\n+++ a.txt\t2024\n@@ -1,2 +1,2 @@\n-one\n+uno\n two\n--- b.txt\n+++ b.txt\n@@ -1 +1 @@\n-x\n+y\n');
    expect(plain.map((f) => [f.path, f.additions, f.deletions])).toEqual([['a.txt', 1, 1], ['b.txt', 1, 1]]);
    const cut = parseUnifiedDiff('diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1,10 +1,10 @@\n-x\n+y');
    expect(cut[0]?.additions).toBe(1);
  });

  it('pairs deletions with the additions that replace them, side by side', () => {
    const rows = splitRows(files[0]?.lines ?? []);
    const body = rows.filter((r) => r.left?.kind !== 'meta' && r.left?.kind !== 'hunk');
    expect(body.map((r) => [r.left?.kind ?? null, r.right?.kind ?? null])).toEqual([
      ['context', 'context'], ['del', 'add'], [null, 'add'], ['context', 'context'],
    ]);
  });
});

describe('thresholdLabel', () => {
  it('reads every default threshold in words, and an unknown key as itself', () => {
    for (const settings of Object.values(DEFAULT_STEERING_CONFIG)) {
      for (const key of Object.keys(settings.thresholds)) expect(thresholdLabel(key).label).not.toBe(key);
    }
    expect(thresholdLabel('somethingNew')).toEqual({ label: 'somethingNew', title: 'somethingNew' });
  });
});
