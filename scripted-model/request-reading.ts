/**
 * Reading what the scripted model needs out of an Anthropic Messages API request body:
 * the latest real prompt, how many tool rounds followed it, the CLI's working directory
 * and the tools it offered. Pure: the HTTP shell parses JSON and hands the value here.
 */
import { CONTEXT_HEADING } from '../server/tasks/context-summary';

/** What a scenario is chosen and built from. */
export interface RequestFacts {
  /** Text of the latest user message that is a prompt (not a tool_result carrier), with the
   * CLI's `<system-reminder>` sections removed so they cannot trigger a keyword. */
  prompt: string;
  /** User messages carrying tool_result blocks after that prompt: which step of a
   * multi-turn scenario to play. */
  toolRounds: number;
  /** The CLI's working directory, from its environment section, when the request has one. */
  cwd: string | null;
  /** Names of the tools offered; empty for side requests (titles, summaries). */
  toolNames: string[];
  stream: boolean;
  model: string;
  /** String properties of the JSON schema the request asks the answer to follow
   * (`output_config.format`, e.g. the session title request wants {"title"}), or null. */
  jsonKeys: string[] | null;
}

/** Claude Code writes "Working directory: /abs/path" into its environment section (in the
 * system prompt, or in the first user message with --exclude-dynamic-system-prompt-sections). */
const CWD_RE = /(?:^|\n)\s*(?:-\s*)?(?:Primary )?[Ww]orking directory:\s*(\/[^\n]*?)\s*(?:\n|$)/;

type Json = unknown;

function isRecord(v: Json): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Content as a list of blocks: a plain string is one text block. */
function blocksOf(content: Json): Record<string, unknown>[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  return content.filter(isRecord);
}

function textOf(content: Json): string {
  return blocksOf(content)
    .filter((b) => b.type === 'text' && typeof b.text === 'string')
    .map((b) => b.text as string)
    .join('\n');
}

function hasToolResult(content: Json): boolean {
  return blocksOf(content).some((b) => b.type === 'tool_result');
}

function systemText(system: Json): string {
  return typeof system === 'string' ? system : textOf(system);
}

/** Text the CLI adds on its own: reminders, and the marker it puts after an interrupt or a
 * denied tool. Neither is something the person typed. */
const CLI_NOISE_RE = /<system-reminder>[\s\S]*?<\/system-reminder>|\[Request interrupted by user[^\]]*\]/g;

/** What the person last typed in a user message ('' when it only carries tool results). A
 * prompt sent after a denied tool arrives in the same message as that tool's result. */
function typedText(content: Json): string {
  const texts = blocksOf(content)
    .filter((b) => b.type === 'text' && typeof b.text === 'string')
    .map((b) => (b.text as string).replace(CLI_NOISE_RE, '').trim())
    .filter((t) => t !== '');
  // The last block is the newest prompt: after a failed turn the CLI sends the failed
  // prompt and the new one in the same user message.
  return texts[texts.length - 1] ?? '';
}

export function readRequest(body: Json): RequestFacts {
  const b = isRecord(body) ? body : {};
  const messages = Array.isArray(b.messages) ? b.messages.filter(isRecord) : [];
  let promptIndex = -1;
  let prompt = '';
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as Record<string, unknown>;
    const typed = m.role === 'user' ? typedText(m.content) : '';
    if (typed !== '') {
      promptIndex = i;
      prompt = typed;
      break;
    }
  }
  const toolRounds = messages
    .slice(promptIndex + 1)
    .filter((m) => m.role === 'user' && hasToolResult(m.content)).length;
  const everywhere = [systemText(b.system), ...messages.map((m) => textOf(m.content))].join('\n');
  const cwdMatch = CWD_RE.exec(everywhere);
  const tools = Array.isArray(b.tools) ? b.tools.filter(isRecord) : [];
  return {
    prompt: ownPart(prompt),
    toolRounds,
    cwd: cwdMatch?.[1] ?? null,
    toolNames: tools.map((t) => t.name).filter((n): n is string => typeof n === 'string'),
    stream: b.stream === true,
    model: typeof b.model === 'string' ? b.model : 'scripted-model',
    jsonKeys: jsonSchemaKeys(b.output_config),
  };
}

function jsonSchemaKeys(outputConfig: Json): string[] | null {
  if (!isRecord(outputConfig) || !isRecord(outputConfig.format)) return null;
  const { format } = outputConfig;
  if (format.type !== 'json_schema' || !isRecord(format.schema) || !isRecord(format.schema.properties)) return null;
  return Object.entries(format.schema.properties)
    .filter(([, v]) => isRecord(v) && v.type === 'string')
    .map(([k]) => k);
}

/** A child task's prompt carries its parent's prompt as context after this heading; the
 * scenario keyword is the child's own, before it. */
const INHERITED_CONTEXT = `\n${CONTEXT_HEADING}`;

function ownPart(prompt: string): string {
  const cut = prompt.indexOf(INHERITED_CONTEXT);
  return cut < 0 ? prompt : prompt.slice(0, cut);
}
