import { describe, expect, it } from 'vitest';
import type { SteeringConfig } from '../protocol/steering';
import { draftOf, patchOf } from './steering-rules-draft';

/** The Rules dialog sends only what a person changed, and catches bad input before sending. */
const RULE = { enabled: true, thresholds: {}, message: 'm' };
const config = {
  'planning-without-code': { enabled: true, thresholds: { minPhrases: 1, maxFilesChanged: 0 }, message: 'Stop planning: {task}' },
  'todo-stubs': RULE,
  'unverified-claim': RULE,
  'repeated-error': { enabled: true, thresholds: { repeats: 3 }, message: 'Try again' },
  'waiting-too-long': { enabled: true, thresholds: { waitSeconds: 30 }, message: 'Approve: {question}' },
  'silent-while-busy': RULE,
  'child-finished': RULE,
  'check-failed': RULE,
  'budget-exceeded': RULE,
  'edit-conflict': RULE,
} satisfies SteeringConfig;

describe('the rules draft', () => {
  it('sends nothing when nothing changed', () => {
    expect(patchOf(config, draftOf(config))).toEqual({ ok: true, patch: {}, changed: 0 });
  });

  it('sends only the changed fields of the changed rules', () => {
    const d = draftOf(config);
    d['planning-without-code'].enabled = false;
    d['repeated-error'].thresholds['repeats'] = ' 5 ';
    d['waiting-too-long'].message = '  Approve now: {question}\n';
    d['waiting-too-long'].thresholds['waitSeconds'] = '30.0';
    expect(patchOf(config, d)).toEqual({
      ok: true,
      changed: 3,
      patch: {
        'planning-without-code': { enabled: false },
        'repeated-error': { thresholds: { repeats: 5 } },
        'waiting-too-long': { message: 'Approve now: {question}' },
      },
    });
  });

  it('refuses empty, negative or non-numeric thresholds and empty or too long messages, naming the rule', () => {
    for (const bad of ['', '-1', 'abc', 'Infinity']) {
      const d = draftOf(config);
      d['repeated-error'].thresholds['repeats'] = bad;
      expect(patchOf(config, d)).toEqual({ ok: false, error: 'repeated-error: repeats must be a number, 0 or more' });
    }
    const d = draftOf(config);
    d['todo-stubs'].message = '   ';
    expect(patchOf(config, d)).toMatchObject({ ok: false, error: 'todo-stubs: the message cannot be empty' });
    d['todo-stubs'].message = 'x'.repeat(2001);
    expect(patchOf(config, d)).toMatchObject({ ok: false, error: expect.stringMatching(/longer than 2000/) });
  });

  it('accepts 0', () => {
    const d = draftOf(config);
    d['waiting-too-long'].thresholds['waitSeconds'] = '0';
    expect(patchOf(config, d)).toMatchObject({ ok: true, patch: { 'waiting-too-long': { thresholds: { waitSeconds: 0 } } } });
  });
});
