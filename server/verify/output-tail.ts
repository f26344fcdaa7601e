import { StringDecoder } from 'node:string_decoder';

/**
 * The readable end of a terminal stream: bytes in, the last lines out as plain text.
 *
 * Bytes are decoded with a streaming UTF-8 decoder (a character split across two frames is
 * held, never turned into U+FFFD), escape sequences are removed by a small state machine
 * that survives a sequence split across frames, and carriage returns rewrite the current
 * line as a terminal would (so a progress bar leaves its last state, not every frame).
 */
export interface OutputTailLimits {
  maxLines: number;
  maxBytes: number;
}

const DEFAULT_TAIL_LIMITS: OutputTailLimits = {
  // 60 lines / 8 KiB: a failing test's assertion and stack usually fit, and the tail goes
  // back to the agent as a steering message, which must stay short.
  maxLines: 60,
  maxBytes: 8 * 1024,
};

/** A line longer than this is cut: one giant minified line must not evict the others. */
const MAX_LINE_CHARS = 2000;

type EscState = 'text' | 'esc' | 'csi' | 'string' | 'string-esc' | 'charset';

export class OutputTail {
  private readonly decoder = new StringDecoder('utf8');
  private readonly lines: string[] = [];
  private current = '';
  /** A CR was seen: the next printable character starts the line over. */
  private pendingReturn = false;
  private state: EscState = 'text';
  private readonly limits: OutputTailLimits;

  constructor(limits: Partial<OutputTailLimits> = {}) {
    this.limits = { ...DEFAULT_TAIL_LIMITS, ...limits };
  }

  write(bytes: Uint8Array): void {
    this.feed(this.decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  }

  /** Plain text (a note of ours, a snapshot's text) goes through the same line logic. */
  writeText(text: string): void {
    this.feed(text);
  }

  /** A line of ours (a timeout note), on a line of its own. */
  note(text: string): void {
    this.state = 'text';
    if (this.current !== '') this.pushLine();
    this.feed(`${text}\n`);
  }

  /** Forget everything (a screen snapshot replaces what came before). */
  reset(): void {
    this.lines.length = 0;
    this.current = '';
    this.pendingReturn = false;
    this.state = 'text';
  }

  text(): string {
    const all = this.current === '' ? [...this.lines] : [...this.lines, this.current];
    while (all.length > 0 && (all[all.length - 1] as string).trim() === '') all.pop();
    const kept = all.slice(-this.limits.maxLines);
    let out = kept.join('\n');
    if (Buffer.byteLength(out) > this.limits.maxBytes) {
      const buf = Buffer.from(out);
      out = buf.subarray(buf.byteLength - this.limits.maxBytes).toString('utf8');
      // The cut may land inside a character (shown as U+FFFD) or a line: start after it.
      const nl = out.indexOf('\n');
      if (nl >= 0) out = out.slice(nl + 1);
    }
    return out;
  }

  private feed(s: string): void {
    for (const ch of s) {
      switch (this.state) {
        case 'text':
          this.onText(ch);
          break;
        case 'esc':
          // ESC [ → CSI; ESC ] P X ^ _ → a string ended by BEL or ESC \; ESC ( ) * + take one
          // more character; anything else is a two-character sequence.
          if (ch === '[') this.state = 'csi';
          else if (ch === ']' || ch === 'P' || ch === 'X' || ch === '^' || ch === '_') this.state = 'string';
          else if (ch === '(' || ch === ')' || ch === '*' || ch === '+' || ch === '#' || ch === '%') this.state = 'charset';
          else this.state = 'text';
          break;
        case 'csi': {
          const c = ch.charCodeAt(0);
          if (c >= 0x40 && c <= 0x7e) this.state = 'text';
          break;
        }
        case 'string':
          if (ch === '\x07') this.state = 'text';
          else if (ch === '\x1b') this.state = 'string-esc';
          break;
        case 'string-esc':
          this.state = ch === '\\' ? 'text' : 'string';
          break;
        case 'charset':
          this.state = 'text';
          break;
      }
    }
  }

  private onText(ch: string): void {
    if (ch === '\x1b') {
      this.state = 'esc';
    } else if (ch === '\n') {
      this.pushLine();
    } else if (ch === '\r') {
      this.pendingReturn = true;
    } else if (ch === '\t' || ch >= ' ') {
      if (ch === '\x7f') return;
      if (this.pendingReturn) {
        this.current = '';
        this.pendingReturn = false;
      }
      if (this.current.length < MAX_LINE_CHARS) this.current += ch;
    } else if (ch === '\b') {
      this.current = this.current.slice(0, -1);
    }
    // Other control characters (BEL, SO/SI…) print nothing.
  }

  private pushLine(): void {
    this.lines.push(this.current);
    this.current = '';
    this.pendingReturn = false;
    // Keep a few more lines than shown, so trailing blank lines trimmed by text() still
    // leave maxLines of content.
    if (this.lines.length > this.limits.maxLines * 2) this.lines.splice(0, this.lines.length - this.limits.maxLines * 2);
  }
}
