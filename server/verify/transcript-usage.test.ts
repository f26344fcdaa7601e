import { appendFile, copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTranscriptUsage, TranscriptCounter } from './transcript-usage';

const fixture = (name: string): string => join(import.meta.dirname, 'fixtures', name);

describe('transcript usage (real Claude Code 2.1.197 transcripts, scripted model)', () => {
  it('counts prompts as turns and each message once, though every content block repeats its usage', async () => {
    // Three typed prompts; the first ends with an "[Request interrupted…]" entry of the same
    // promptId; four model messages (10 in / 20 out each), two of them in two blocks each.
    expect(await readTranscriptUsage(fixture('claude-2.1.197-three-writes.jsonl'))).toEqual({ turns: 3, inputTokens: 40, outputTokens: 80 });
    // Three prompts; the first answered by a synthetic API-error message with zero usage.
    expect(await readTranscriptUsage(fixture('claude-2.1.197-api-error.jsonl'))).toEqual({ turns: 3, inputTokens: 30, outputTokens: 60 });
  });

  it('tolerates a partial last line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'axiom-transcript-'));
    try {
      const path = join(dir, 't.jsonl');
      await copyFile(fixture('claude-2.1.197-three-writes.jsonl'), path);
      await appendFile(path, '{"type":"assistant","message":{"id":"msg_x","usage":{"input_tok');
      expect(await readTranscriptUsage(path)).toEqual({ turns: 3, inputTokens: 40, outputTokens: 80 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('adds cache tokens to input, skips tool results, meta, sidechains and command echoes', () => {
    const c = new TranscriptCounter();
    const lines = [
      { type: 'user', promptId: 'p1', message: { role: 'user', content: 'fix it' } },
      { type: 'assistant', message: { id: 'm1', usage: { input_tokens: 5, cache_creation_input_tokens: 100, cache_read_input_tokens: 1000, output_tokens: 7 } } },
      { type: 'assistant', message: { id: 'm1', usage: { input_tokens: 5, cache_creation_input_tokens: 100, cache_read_input_tokens: 1000, output_tokens: 9 } } },
      { type: 'user', promptId: 'p1', toolUseResult: {}, message: { role: 'user', content: [{ type: 'tool_result', content: 'ok' }] } },
      { type: 'user', isMeta: true, message: { role: 'user', content: 'meta' } },
      { type: 'user', isSidechain: true, message: { role: 'user', content: 'sub-agent prompt' } },
      { type: 'user', message: { role: 'user', content: '<command-name>/clear</command-name>' } },
      { type: 'user', message: { role: 'user', content: [{ type: 'text', text: 'second prompt, no promptId' }] } },
    ];
    for (const l of lines) c.line(JSON.stringify(l));
    c.line('not json');
    expect(c.total()).toEqual({ turns: 2, inputTokens: 1105, outputTokens: 9 });
  });
});
