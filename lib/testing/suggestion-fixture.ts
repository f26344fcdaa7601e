import type { Intervention, Suggestion } from '../../protocol/steering';

/** Ids as plain strings: tests spell them literally, the fixture brands them. */
export type SuggestionPatch = Omit<Partial<Suggestion>, 'taskId'> & { taskId?: string };

/** A plausible open Suggestion for tests of the browser's steering helpers. */
export function suggestion(id: string, patch: SuggestionPatch = {}): Suggestion {
  const { taskId, ...rest } = patch;
  return {
    id: id as Suggestion['id'],
    taskId: (taskId ?? 't-aaaaaa') as Suggestion['taskId'],
    rule: 'planning-without-code',
    title: 'Planning without code for 2 turns',
    message: 'Stop planning and write the code now.',
    confidence: 0.9,
    action: 'inject',
    evidence: [{ kind: 'screen', text: "I'll research the codebase first", at: 1_000, outputSeq: 120, path: null }],
    state: 'open',
    createdAt: 1_000,
    resolvedAt: null,
    resolvedBy: null,
    sentText: null,
    receipt: null,
    snoozedUntil: null,
    ...rest,
  };
}

export function intervention(id: string, patch: Omit<Partial<Intervention>, 'taskId'> & { taskId?: string } = {}): Intervention {
  const { taskId, ...rest } = patch;
  return {
    id,
    taskId: (taskId ?? 't-aaaaaa') as Intervention['taskId'],
    kind: 'prompt',
    who: 'person',
    text: 'go on',
    at: 1_000,
    outcome: 'submitted',
    suggestionId: null,
    ...rest,
  };
}
