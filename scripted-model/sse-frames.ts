import type { ScriptedBlock, ScriptedTurn } from './scenarios';

/**
 * A scripted turn as the Messages API streams it: message_start, per block
 * content_block_start / deltas / content_block_stop, message_delta with the stop reason,
 * message_stop. Each frame carries the delay to wait before sending it. Pure.
 */

export interface SseFrame {
  event: string;
  data: Record<string, unknown>;
  delayMs: number;
}

export interface FrameOptions {
  model: string;
  messageId: string;
  /** Default delay between deltas (tests make it small). */
  frameDelayMs: number;
}

/** Keeps a long think visibly alive, as the real API does with ping events. */
const PING_EVERY_MS = 5_000;
/** Deltas of a few words look like a real model's stream. */
const DEFAULT_CHUNK_CHARS = 12;

export function chunkText(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [''];
}

function usage(outputTokens: number): Record<string, number> {
  return { input_tokens: 10, output_tokens: outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
}

export function messageBody(turn: ScriptedTurn, opts: Omit<FrameOptions, 'frameDelayMs'>): Record<string, unknown> {
  const content = turn.blocks.map((b, i) =>
    b.type === 'text' ? { type: 'text', text: b.text } : { type: 'tool_use', id: toolUseId(opts.messageId, i), name: b.name, input: b.input },
  );
  return {
    id: opts.messageId,
    type: 'message',
    role: 'assistant',
    model: opts.model,
    content,
    stop_reason: stopReason(turn),
    stop_sequence: null,
    usage: usage(20),
  };
}

function stopReason(turn: ScriptedTurn): 'tool_use' | 'end_turn' {
  return turn.blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn';
}

function toolUseId(messageId: string, index: number): string {
  return `toolu_${messageId.replace(/^msg_/, '')}_${index}`;
}

function blockFrames(block: ScriptedBlock, index: number, opts: FrameOptions): SseFrame[] {
  const d = opts.frameDelayMs;
  if (block.type === 'text') {
    const pace = block.paceMs ?? d;
    const start: SseFrame = { event: 'content_block_start', data: { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }, delayMs: d };
    const deltas = chunkText(block.text, block.chunkChars ?? DEFAULT_CHUNK_CHARS).map((t) => ({
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text: t } },
      delayMs: pace,
    }));
    return [start, ...deltas, { event: 'content_block_stop', data: { type: 'content_block_stop', index }, delayMs: d }];
  }
  const json = JSON.stringify(block.input);
  return [
    {
      event: 'content_block_start',
      data: { type: 'content_block_start', index, content_block: { type: 'tool_use', id: toolUseId(opts.messageId, index), name: block.name, input: {} } },
      delayMs: d,
    },
    ...chunkText(json, 40).map((part) => ({
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: part } },
      delayMs: d,
    })),
    { event: 'content_block_stop', data: { type: 'content_block_stop', index }, delayMs: d },
  ];
}

function pingFrames(thinkMs: number): SseFrame[] {
  const frames: SseFrame[] = [];
  for (let left = thinkMs; left > 0; left -= PING_EVERY_MS) {
    frames.push({ event: 'ping', data: { type: 'ping' }, delayMs: Math.min(PING_EVERY_MS, left) });
  }
  return frames;
}

export function turnFrames(turn: ScriptedTurn, opts: FrameOptions): SseFrame[] {
  const start: SseFrame = {
    event: 'message_start',
    data: {
      type: 'message_start',
      message: { ...messageBody({ blocks: [] }, opts), content: [], stop_reason: null, usage: usage(1) },
    },
    delayMs: 0,
  };
  if (turn.error) {
    const error = { type: 'error', error: { type: turn.error.errorType, message: turn.error.message } };
    return [start, { event: 'error', data: error, delayMs: opts.frameDelayMs }];
  }
  const frames = [start, ...pingFrames(turn.thinkMs ?? 0)];
  turn.blocks.forEach((b, i) => frames.push(...blockFrames(b, i, opts)));
  frames.push(
    {
      event: 'message_delta',
      data: { type: 'message_delta', delta: { stop_reason: stopReason(turn), stop_sequence: null }, usage: { output_tokens: 20 } },
      delayMs: opts.frameDelayMs,
    },
    { event: 'message_stop', data: { type: 'message_stop' }, delayMs: 0 },
  );
  return frames;
}

export function encodeFrame(frame: SseFrame): string {
  return `event: ${frame.event}\ndata: ${JSON.stringify(frame.data)}\n\n`;
}
