/**
 * What a Claude Code transcript (JSONL, one entry per line) says about the agent's state,
 * from its last meaningful entries. Pure. Recorded from 2.1.197:
 * - a user prompt, a tool result → the model is working (busy);
 * - an assistant entry that stops for a tool_use → busy (the tool runs, or waits for a
 *   permission — the screen and hooks tell that apart);
 * - an assistant entry with stop_reason end_turn, or the system's turn_duration /
 *   stop_hook_summary after it → the turn ended (idle);
 * - "[Request interrupted by user…]" → the turn was stopped (idle).
 * Bookkeeping entries (file-history-snapshot, attachment, last-prompt, mode, titles) are
 * skipped; a half-written last line is ignored.
 */
export type TranscriptState = 'busy' | 'idle';

const SKIPPED = new Set(['file-history-snapshot', 'attachment', 'last-prompt', 'mode', 'permission-mode', 'ai-title', 'summary']);

export function readTranscriptState(tail: string): TranscriptState | null {
  const lines = tail.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    const state = entryState(entry);
    if (state !== 'skip') return state;
  }
  return null;
}

function entryState(entry: unknown): TranscriptState | null | 'skip' {
  if (typeof entry !== 'object' || entry === null) return 'skip';
  const e = entry as Record<string, unknown>;
  const type = typeof e['type'] === 'string' ? e['type'] : '';
  if (SKIPPED.has(type) || e['isSidechain'] === true || e['isMeta'] === true) return 'skip';
  if (type === 'system') {
    const sub = e['subtype'];
    return sub === 'turn_duration' || sub === 'stop_hook_summary' ? 'idle' : 'skip';
  }
  const message = typeof e['message'] === 'object' && e['message'] !== null ? (e['message'] as Record<string, unknown>) : {};
  if (type === 'assistant') {
    const stop = message['stop_reason'];
    if (stop === 'end_turn' || stop === 'stop_sequence' || stop === 'max_tokens') return 'idle';
    return 'busy';
  }
  if (type === 'user') {
    const content = message['content'];
    const text = typeof content === 'string' ? content : firstText(content);
    if (text !== null && text.startsWith('[Request interrupted')) return 'idle';
    return 'busy';
  }
  return 'skip';
}

function firstText(content: unknown): string | null {
  if (!Array.isArray(content)) return null;
  for (const block of content) {
    if (typeof block === 'object' && block !== null && (block as Record<string, unknown>)['type'] === 'text') {
      const t = (block as Record<string, unknown>)['text'];
      return typeof t === 'string' ? t : null;
    }
  }
  return null;
}
