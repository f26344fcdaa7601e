import xtermHeadless from '@xterm/headless';
import { SerializeAddon } from '@xterm/addon-serialize';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import type { MirrorScreen, SerializedState } from './mirror-protocol';

// @xterm/headless ships a CommonJS bundle whose named exports Node cannot detect.
const { Terminal } = xtermHeadless;

/** Our reply to XTVERSION (`CSI > 0 q`), which xterm.js 6 does not implement: programs
 * (e.g. vim, neovim, agent TUIs) use it to pick terminal features. */
const XTVERSION_REPLY = '\x1bP>|xterm.js(6.0.0)\x1b\\';

export interface MirrorTerminalOptions {
  cols: number;
  rows: number;
  scrollbackLines: number;
  /** Offset in the session's stream of the first byte this mirror will parse. */
  startSeq: number;
  /** The terminal's answers to queries (DA, DSR, XTVERSION…). */
  onReply: (data: string) => void;
  /** After each write has been parsed, with the new parsed offset. */
  onParsed: (parsedSeq: number) => void;
}

interface PendingAction {
  /** Runs once every byte before this offset was parsed. */
  atSeq: number;
  run: () => void;
  /** Called instead of `run` when the terminal is disposed first. */
  cancel?: () => void;
}

/** Batches this large are output in bulk, parsed at once (see write()). */
export const PARSE_AT_ONCE_BYTES = 1024;

/**
 * One session's headless terminal, as it lives in the mirror worker: xterm.js with the
 * serialize addon and Unicode 11 widths (the browser panes use them; without them emoji
 * widths, cursor reports and snapshots would disagree with what the browser shows).
 *
 * xterm parses writes in time slices (the first at once, see write()); resizes and reads
 * are queued behind the writes posted before them and run in the write callback of the
 * last of those, when the terminal is exactly at that offset.
 */
export class MirrorTerminal {
  private readonly term: InstanceType<typeof Terminal>;
  private readonly serializer = new SerializeAddon();
  private parsed: number;
  private written: number;
  private muteReplies = false;
  private readonly actions: PendingAction[] = [];
  private disposed = false;
  private title = '';

  constructor(private readonly opts: MirrorTerminalOptions) {
    this.parsed = opts.startSeq;
    this.written = opts.startSeq;
    this.term = new Terminal({
      cols: opts.cols,
      rows: opts.rows,
      scrollback: opts.scrollbackLines,
      allowProposedApi: true,
    });
    this.term.loadAddon(this.serializer);
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.term.onData((data) => this.reply(data));
    this.term.onTitleChange((title) => {
      this.title = title;
    });
    this.term.parser.registerCsiHandler({ prefix: '>', final: 'q' }, (params) => {
      const first = params[0];
      if (params.length > 1 || (first !== undefined && first !== 0)) return false;
      this.reply(XTVERSION_REPLY);
      return true;
    });
  }

  get parsedSeq(): number {
    return this.parsed;
  }

  get bracketedPasteMode(): boolean {
    return this.term.modes.bracketedPasteMode;
  }

  /** `muted`: parse without answering queries (a replay of bytes answered before). */
  write(data: Uint8Array, muted = false): void {
    if (this.disposed || data.byteLength === 0) return;
    // xterm parses writes in order and runs a write's callback before it starts the next
    // one, so the flag (set once the bytes before these are parsed) covers exactly the
    // replies triggered by these bytes.
    if (muted) this.whenParsed(() => (this.muteReplies = true));
    this.written += data.byteLength;
    const end = this.written;
    // xterm starts parsing a write into an empty buffer on a setTimeout, at least 1 ms in
    // Node: a caught-up mirror paid that once per batch of a stream, fell behind it and
    // paused the PTY (ADR 0020). Input flagged as the user's puts xterm on its keystroke
    // path, and the next write is parsed at once (in the same 12 ms slices). A keystroke's
    // echo keeps the timer: parsed a moment later, it leaves the CPU to the echo's relay
    // to the browser. The empty onData that input fires is not a reply (see reply()).
    if (data.byteLength >= PARSE_AT_ONCE_BYTES) this.term.input('', true);
    this.term.write(data, () => {
      if (this.disposed) return;
      if (muted) this.muteReplies = false;
      this.parsed = end;
      this.runDueActions();
      this.opts.onParsed(end);
    });
  }

  /** Applied after every byte written before it. */
  resize(cols: number, rows: number): void {
    this.whenParsed(() => this.term.resize(cols, rows));
  }

  /** The screen and scrollback as VT sequences, exact at the returned `seq`. */
  serialize(): Promise<{ seq: number; state: SerializedState }> {
    return this.read(() => ({
      data: this.serializer.serialize({ scrollback: this.opts.scrollbackLines }),
      cols: this.term.cols,
      rows: this.term.rows,
    }));
  }

  screen(): Promise<{ seq: number; screen: MirrorScreen }> {
    return this.read(() => this.screenNow()).then(({ seq, state }) => ({ seq, screen: state }));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const a of this.actions.splice(0)) a.cancel?.();
    this.term.dispose();
  }

  private read<T>(fn: () => T): Promise<{ seq: number; state: T }> {
    return new Promise((resolve, reject) => {
      if (this.disposed) {
        reject(new Error('mirror disposed'));
        return;
      }
      const run = (): void => {
        try {
          resolve({ seq: this.parsed, state: fn() });
        } catch (e) {
          reject(e);
        }
      };
      this.whenParsed(run, () => reject(new Error('mirror disposed')));
    });
  }

  private whenParsed(run: () => void, cancel?: () => void): void {
    if (this.disposed) return;
    if (this.parsed === this.written && this.actions.length === 0) run();
    else this.actions.push({ atSeq: this.written, run, cancel });
  }

  private runDueActions(): void {
    while (this.actions.length > 0 && (this.actions[0] as PendingAction).atSeq <= this.parsed) {
      (this.actions.shift() as PendingAction).run();
    }
  }

  private reply(data: string): void {
    if (data !== '' && !this.muteReplies && !this.disposed) this.opts.onReply(data);
  }

  private screenNow(): MirrorScreen {
    const buf = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      lines.push(buf.getLine(buf.baseY + y)?.translateToString(true) ?? '');
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return {
      text: lines.join('\n'),
      cols: this.term.cols,
      rows: this.term.rows,
      cursorX: buf.cursorX,
      cursorY: buf.cursorY,
      alternate: buf.type === 'alternate',
      title: this.title,
    };
  }
}
