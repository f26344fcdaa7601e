import xtermHeadless from '@xterm/headless';
import { SerializeAddon } from '@xterm/addon-serialize';

// @xterm/headless ships a CommonJS bundle whose named exports Node cannot detect.
const { Terminal } = xtermHeadless;

/** Our reply to XTVERSION (`CSI > 0 q`), which xterm.js 6 does not implement: programs
 * (e.g. vim, neovim, agent TUIs) use it to pick terminal features. */
const XTVERSION_REPLY = '\x1bP>|xterm.js(6.0.0)\x1b\\';

export interface MirrorScreen {
  text: string;
  cols: number;
  rows: number;
  cursorX: number;
  cursorY: number;
  alternate: boolean;
}

export interface TerminalMirrorOptions {
  cols: number;
  rows: number;
  scrollbackLines: number;
  /** Offset in the session's stream of the first byte this mirror will parse. */
  startSeq?: number;
  /** The terminal's answers to queries (DA, DSR, XTVERSION…): written back to the PTY. */
  onReply: (data: string) => void;
  /** Called after each write has been parsed, with the new parsed offset. */
  onParsed: (parsedSeq: number) => void;
}

/**
 * The server's headless copy of a session's terminal: the source of snapshots and of the
 * screen text, and the only responder to terminal queries (browsers swallow them), so each
 * query is answered once whatever the number of viewers.
 */
export class TerminalMirror {
  private readonly term: InstanceType<typeof Terminal>;
  private readonly serializer = new SerializeAddon();
  private parsed: number;
  private written: number;
  private disposed = false;

  constructor(private readonly opts: TerminalMirrorOptions) {
    this.parsed = opts.startSeq ?? 0;
    this.written = this.parsed;
    this.term = new Terminal({
      cols: opts.cols,
      rows: opts.rows,
      scrollback: opts.scrollbackLines,
      allowProposedApi: true,
    });
    this.term.loadAddon(this.serializer);
    this.term.onData((data) => opts.onReply(data));
    this.term.parser.registerCsiHandler({ prefix: '>', final: 'q' }, (params) => {
      const first = params[0];
      if (params.length > 1 || (first !== undefined && first !== 0)) return false;
      opts.onReply(XTVERSION_REPLY);
      return true;
    });
  }

  /** Offset up to which every byte has been parsed (M in ADR 0001). */
  get parsedSeq(): number {
    return this.parsed;
  }

  /** Offset up to which bytes were handed to the mirror. */
  get writtenSeq(): number {
    return this.written;
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  get bracketedPasteMode(): boolean {
    return this.term.modes.bracketedPasteMode;
  }

  write(data: Uint8Array): void {
    if (this.disposed || data.byteLength === 0) return;
    this.written += data.byteLength;
    const length = data.byteLength;
    this.term.write(data, () => {
      if (this.disposed) return;
      this.parsed += length;
      this.opts.onParsed(this.parsed);
    });
  }

  resize(cols: number, rows: number): void {
    if (!this.disposed) this.term.resize(cols, rows);
  }

  /** The screen and scrollback as VT sequences, exact at `parsedSeq`. */
  serialize(): string {
    return this.serializer.serialize({ scrollback: this.opts.scrollbackLines });
  }

  screen(): MirrorScreen {
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
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.term.dispose();
  }
}
