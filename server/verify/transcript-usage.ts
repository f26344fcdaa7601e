import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * Turns and tokens from a Claude Code transcript (the JSONL named by `transcript_path` in
 * every hook payload), for the budgets on a task.
 *
 * What the real CLI (2.1.197) writes, and how it is counted:
 * - one `assistant` entry per content block (text, tool_use…), every block of a message
 *   repeating the same `message.id` and `message.usage`: usage is counted once per message
 *   id (the last entry seen wins, the most complete);
 * - inputTokens = input_tokens + cache_creation_input_tokens + cache_read_input_tokens:
 *   everything the model read, which is what grows with a long session (a budget on
 *   `input_tokens` alone would barely move once the prompt cache is warm);
 * - a turn is a `user` entry that is a person's (or the console's) prompt: not a
 *   tool_result, not meta, not a sidechain, not an interruption marker, not a slash
 *   command's echo; entries that share a `promptId` are one turn.
 * Lines that do not parse are skipped: the last one may be half written.
 */
export interface TranscriptUsage {
  turns: number;
  inputTokens: number;
  outputTokens: number;
}

interface Usage {
  input: number;
  output: number;
}

export async function readTranscriptUsage(path: string): Promise<TranscriptUsage> {
  const counter = new TranscriptCounter();
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) counter.line(line);
  return counter.total();
}

/** The pure part: feed lines, read totals. */
export class TranscriptCounter {
  private readonly usageByMessage = new Map<string, Usage>();
  private readonly prompts = new Set<string>();
  private anonymous = 0;

  line(line: string): void {
    if (line.trim() === '') return;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      // A partial last line (the CLI is writing it) or a corrupt one: nothing to count yet.
      return;
    }
    if (!isRecord(entry)) return;
    const message = isRecord(entry.message) ? entry.message : null;
    if (entry.type === 'assistant' && message !== null && isRecord(message.usage)) {
      const key = str(message.id) ?? str(entry.requestId) ?? str(entry.uuid) ?? `#${this.usageByMessage.size}`;
      const u = message.usage;
      this.usageByMessage.set(key, {
        input: num(u.input_tokens) + num(u.cache_creation_input_tokens) + num(u.cache_read_input_tokens),
        output: num(u.output_tokens),
      });
    } else if (entry.type === 'user' && message !== null && isPrompt(entry, message)) {
      const promptId = str(entry.promptId);
      if (promptId === null) this.anonymous += 1;
      else this.prompts.add(promptId);
    }
  }

  total(): TranscriptUsage {
    let inputTokens = 0;
    let outputTokens = 0;
    for (const u of this.usageByMessage.values()) {
      inputTokens += u.input;
      outputTokens += u.output;
    }
    return { turns: this.prompts.size + this.anonymous, inputTokens, outputTokens };
  }
}

/** Marks the CLI writes as user entries that nobody typed. */
const NOT_A_PROMPT = /^(\[Request interrupted|<command-name>|<local-command-stdout>|<command-message>|Caveat: The messages below)/;

function isPrompt(entry: Record<string, unknown>, message: Record<string, unknown>): boolean {
  if (entry.isMeta === true || entry.isSidechain === true || entry.toolUseResult !== undefined) return false;
  const content = message.content;
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else if (Array.isArray(content)) {
    if (content.some((c) => isRecord(c) && c.type === 'tool_result')) return false;
    const first = content.find((c): c is Record<string, unknown> => isRecord(c) && c.type === 'text');
    if (first === undefined) return content.length > 0;
    text = str(first.text) ?? '';
  } else {
    return false;
  }
  return !NOT_A_PROMPT.test(text.trimStart());
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
}
