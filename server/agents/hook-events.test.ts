import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHook } from './hook-events';

/** Over hook payloads recorded from Claude Code 2.1.197 (one per event type). */
const payloads = readFileSync(join(import.meta.dirname, 'screen-rules', 'fixtures', 'claude-2.1.197', 'hooks.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Record<string, unknown>);
const byEvent = (name: string): Record<string, unknown> => {
  const p = payloads.find((x) => x['hook_event_name'] === name || (x['payload'] as Record<string, unknown> | undefined)?.['hook_event_name'] === name);
  if (p === undefined) throw new Error(`no ${name} payload recorded`);
  return (p['payload'] as Record<string, unknown> | undefined) ?? p;
};

describe('readHook (Claude Code 2.1.197 payloads)', () => {
  it('a submitted prompt is busy and counts as a submit', () => {
    expect(readHook(byEvent('UserPromptSubmit'))).toMatchObject({ kind: 'state', state: 'busy', submitted: true });
  });

  it('a permission request is waiting; the late Notification is not a state change', () => {
    expect(readHook(byEvent('PermissionRequest'))).toMatchObject({ kind: 'state', state: 'waiting' });
    expect(readHook(byEvent('Notification'))).toEqual({ kind: 'ignore' });
  });

  it('Stop is idle; session start and end say nothing about a turn', () => {
    expect(readHook(byEvent('Stop'))).toMatchObject({ kind: 'state', state: 'idle' });
    expect(readHook(byEvent('SessionStart'))).toEqual({ kind: 'ignore' });
  });
});
