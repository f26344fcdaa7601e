import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTranscriptState } from './transcript-state';

/** Over real Claude Code 2.1.197 transcripts (recorded against the scripted model). */
const FIXTURES = join(import.meta.dirname, '..', 'verify', 'fixtures');
const lines = readFileSync(join(FIXTURES, 'claude-2.1.197-three-writes.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
const upTo = (pred: (e: { type?: string; message?: { content?: unknown; stop_reason?: unknown } }) => boolean, nth = 0): string => {
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (pred(JSON.parse(lines[i] ?? '{}')) && seen++ === nth) return lines.slice(0, i + 1).join('\n');
  }
  throw new Error('no such entry');
};

describe('readTranscriptState (Claude Code 2.1.197 transcripts)', () => {
  it('reads a submitted prompt and a tool call as busy', () => {
    expect(readTranscriptState(upTo((e) => e.type === 'user' && typeof e.message?.content === 'string'))).toBe('busy');
    expect(readTranscriptState(upTo((e) => e.type === 'assistant' && e.message?.stop_reason === 'tool_use'))).toBe('busy');
  });

  it('reads an interrupted turn and a finished turn as idle', () => {
    expect(readTranscriptState(upTo((e) => e.type === 'user' && Array.isArray(e.message?.content) && JSON.stringify(e.message?.content).includes('[Request interrupted')))).toBe('idle');
    expect(readTranscriptState(lines.join('\n'))).toBe('idle');
  });

  it('ignores bookkeeping entries and a half-written last line', () => {
    const finished = lines.join('\n');
    expect(readTranscriptState(`${finished}\n{"type":"file-history-snapshot"}\n{"type":"user","mess`)).toBe('idle');
    expect(readTranscriptState('')).toBeNull();
  });
});
