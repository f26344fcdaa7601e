import { describe, expect, it } from 'vitest';
import xtermHeadless from '@xterm/headless';
import type { AttachReply, ScreenSnapshot } from '../protocol/events';
import type { Result } from '../protocol/result';
import {
  ACK_POLICY,
  TerminalStream,
  type StreamTerminal,
  type StreamTransport,
} from './terminal-stream';
import { FakeClock } from './testing/fake-clock';
import { INPUT_QUIET_POLICY, InputQuiet } from './input-quiet';
import { BACKGROUND_WRITE_POLICY, WriteCoalescer } from './write-coalescer';

type Op =
  | { kind: 'write'; data: string }
  | { kind: 'reset' }
  | { kind: 'resize'; cols: number; rows: number };

/** Records calls; write callbacks run only when the test says the terminal parsed them. */
class FakeTerminal implements StreamTerminal {
  ops: Op[] = [];
  private queued: Array<() => void> = [];
  write(data: string | Uint8Array, callback?: () => void): void {
    this.ops.push({ kind: 'write', data: typeof data === 'string' ? data : new TextDecoder().decode(data) });
    this.queued.push(callback ?? (() => undefined));
  }
  reset(): void {
    this.ops.push({ kind: 'reset' });
  }
  resize(cols: number, rows: number): void {
    this.ops.push({ kind: 'resize', cols, rows });
  }
  get pending(): number {
    return this.queued.length;
  }
  /** Parse `count` queued writes (all by default), in order. */
  parse(count = Number.POSITIVE_INFINITY): void {
    for (let i = 0; i < count && this.queued.length > 0; i++) this.queued.shift()?.();
  }
  written(): string {
    return this.ops.map((op) => (op.kind === 'write' ? op.data : '')).join('');
  }
}

class FakeTransport implements StreamTransport {
  attaches: Array<{ id: string; fromSeq?: number }> = [];
  acks: number[] = [];
  attach(req: { id: string; fromSeq?: number }, onReply: (reply: Result<AttachReply>) => void): void {
    this.attaches.push(req);
    void onReply;
  }
  ack(req: { id: string; seq: number }): void {
    this.acks.push(req.seq);
  }
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const snap = (seq: number, data = 'SCREEN', cols = 80, rows = 24): ScreenSnapshot => ({
  id: 's-abcdef' as ScreenSnapshot['id'],
  seq,
  cols,
  rows,
  data,
});

function setup() {
  const terminal = new FakeTerminal();
  const transport = new FakeTransport();
  const clock = new FakeClock();
  const stream = new TerminalStream({ id: 's-abcdef', terminal, transport, clock });
  return { terminal, transport, clock, stream };
}

describe('TerminalStream', () => {
  it('attaches fresh, ignores frames until the snapshot, then applies it', () => {
    const { terminal, transport, clock, stream } = setup();
    stream.attach();
    expect(transport.attaches).toEqual([{ id: 's-abcdef' }]);
    stream.handleOutput(0, bytes('early'));
    expect(terminal.ops).toEqual([]);
    stream.handleSnapshot(snap(100, 'SCREEN', 120, 40));
    expect(terminal.ops).toEqual([
      { kind: 'reset' },
      { kind: 'resize', cols: 120, rows: 40 },
      { kind: 'write', data: 'SCREEN' },
    ]);
    expect(stream.position.expectedSeq).toBe(100);
    terminal.parse();
    clock.advance(0);
    expect(transport.acks).toEqual([100]);
  });

  it('writes frames in order, drops duplicates and trims overlaps', () => {
    const { terminal, stream } = setup();
    stream.attach();
    stream.handleSnapshot(snap(10, ''));
    stream.handleOutput(10, bytes('abc'));
    stream.handleOutput(10, bytes('abc')); // duplicate
    stream.handleOutput(12, bytes('cde')); // overlaps by one byte
    stream.handleOutput(5, bytes('xyz')); // entirely before
    expect(terminal.written()).toBe('abcde');
    expect(stream.position.expectedSeq).toBe(15);
  });

  it('re-attaches for a snapshot on a gap, once, and drops frames until it arrives', () => {
    const { terminal, transport, stream } = setup();
    stream.attach();
    stream.handleSnapshot(snap(0, ''));
    stream.handleOutput(0, bytes('ab'));
    stream.handleOutput(5, bytes('gap'));
    stream.handleOutput(8, bytes('more'));
    expect(transport.attaches).toEqual([{ id: 's-abcdef' }, { id: 's-abcdef' }]);
    expect(terminal.written()).toBe('ab');
    terminal.parse();
    stream.handleSnapshot(snap(12, 'FRESH'));
    stream.handleOutput(12, bytes('!'));
    expect(terminal.written()).toBe('abFRESH!');
  });

  it('resumes from the expected offset on reconnect', () => {
    const { transport, stream } = setup();
    stream.attach();
    stream.handleSnapshot(snap(40, ''));
    stream.handleOutput(40, bytes('0123456789'));
    stream.attach();
    expect(transport.attaches.at(-1)).toEqual({ id: 's-abcdef', fromSeq: 50 });
  });

  it('asks for a snapshot again when reconnecting before the first one arrived', () => {
    const { transport, stream } = setup();
    stream.attach();
    stream.attach();
    expect(transport.attaches).toEqual([{ id: 's-abcdef' }, { id: 's-abcdef' }]);
  });

  it('defers a snapshot until earlier writes are parsed, holding later frames', () => {
    const { terminal, stream } = setup();
    stream.attach();
    stream.handleSnapshot(snap(0, 'A'));
    stream.handleOutput(1, bytes('old'));
    stream.handleSnapshot(snap(50, 'NEW'));
    stream.handleOutput(50, bytes('next'));
    expect(terminal.ops.filter((o) => o.kind === 'reset')).toHaveLength(1);
    terminal.parse();
    expect(terminal.ops.slice(-4)).toEqual([
      { kind: 'reset' },
      { kind: 'resize', cols: 80, rows: 24 },
      { kind: 'write', data: 'NEW' },
      { kind: 'write', data: 'next' },
    ]);
  });

  it('acks in a later task, throttled by time, at once past the byte threshold, and always the last write', () => {
    const { terminal, transport, clock, stream } = setup();
    stream.attach();
    stream.handleSnapshot(snap(0, ''));
    terminal.parse();
    expect(transport.acks).toEqual([]); // never inside the write callback's task
    clock.advance(0);
    expect(transport.acks).toEqual([0]);

    stream.handleOutput(0, bytes('a'));
    stream.handleOutput(1, bytes('b'));
    terminal.parse();
    expect(transport.acks).toEqual([0]); // acked less than intervalMs ago
    clock.advance(ACK_POLICY.intervalMs);
    expect(transport.acks).toEqual([0, 2]);

    const big = new Uint8Array(ACK_POLICY.maxUnackedBytes);
    stream.handleOutput(2, big);
    stream.handleOutput(2 + big.byteLength, bytes('tail'));
    terminal.parse(1);
    expect(transport.acks).toEqual([0, 2, 2 + big.byteLength]);
    terminal.parse();
    clock.advance(ACK_POLICY.intervalMs);
    expect(transport.acks).toEqual([0, 2, 2 + big.byteLength, 6 + big.byteLength]);
  });

  it('does nothing after dispose', () => {
    const { terminal, transport, clock, stream } = setup();
    stream.attach();
    stream.handleSnapshot(snap(0, 'x'));
    stream.dispose();
    terminal.parse();
    clock.advance(100);
    stream.handleOutput(1, bytes('y'));
    stream.attach();
    expect(transport.acks).toEqual([]);
    expect(transport.attaches).toHaveLength(1);
  });
});

describe('TerminalStream with a real xterm parser', () => {
  const waitParsed = (term: InstanceType<typeof xtermHeadless.Terminal>): Promise<void> =>
    new Promise((resolve) => term.write('', resolve));
  const lineText = (term: InstanceType<typeof xtermHeadless.Terminal>, y: number): string =>
    term.buffer.active.getLine(y)?.translateToString(true) ?? '';

  it('renders a snapshot applied while stale writes are queued without the stale bytes', async () => {
    const term = new xtermHeadless.Terminal({ cols: 20, rows: 5, allowProposedApi: true });
    const transport = new FakeTransport();
    const stream = new TerminalStream({ id: 's-abcdef', terminal: term, transport });
    stream.attach();
    stream.handleSnapshot(snap(0, 'first', 20, 5));
    stream.handleOutput(0, bytes(' stale'));
    stream.handleSnapshot(snap(100, 'fresh\r\nscreen', 30, 6));
    stream.handleOutput(100, bytes(' é'));
    await waitParsed(term);
    await waitParsed(term);
    expect(term.cols).toBe(30);
    expect(lineText(term, 0)).toBe('fresh');
    expect(lineText(term, 1)).toBe('screen é');
    term.dispose();
  });
});

describe('TerminalStream background (unfocused) panes', () => {
  it('batches small frames into one write per interval and acks after it is parsed', () => {
    const { terminal, transport, clock, stream } = setup();
    stream.attach();
    stream.handleSnapshot(snap(0, ''));
    terminal.parse();
    stream.setPriority('visible');
    const before = terminal.ops.length;
    stream.handleOutput(0, bytes('a'));
    stream.handleOutput(1, bytes('b'));
    stream.handleOutput(2, bytes('c'));
    expect(terminal.ops.length).toBe(before);
    clock.advance(BACKGROUND_WRITE_POLICY.visibleIntervalMs);
    expect(terminal.ops.slice(before)).toEqual([{ kind: 'write', data: 'abc' }]);
    terminal.parse();
    clock.advance(ACK_POLICY.intervalMs);
    expect(transport.acks.at(-1)).toBe(3);
  });

  it('writes a large burst at once, and everything held when the pane takes focus', () => {
    const { terminal, stream } = setup();
    stream.attach();
    stream.handleSnapshot(snap(0, ''));
    stream.setPriority('visible');
    const big = new Uint8Array(BACKGROUND_WRITE_POLICY.maxHeldBytes).fill(65);
    stream.handleOutput(0, big);
    expect(terminal.ops.at(-1)).toMatchObject({ kind: 'write' });
    const n = terminal.ops.length;
    stream.handleOutput(big.byteLength, bytes('x'));
    expect(terminal.ops.length).toBe(n);
    stream.setPriority('interactive');
    expect(terminal.ops.at(-1)).toEqual({ kind: 'write', data: 'x' });
    stream.handleOutput(big.byteLength + 1, bytes('y'));
    expect(terminal.ops.at(-1)).toEqual({ kind: 'write', data: 'y' });
  });

  it('drops held bytes when a snapshot supersedes them', () => {
    const { terminal, clock, stream } = setup();
    stream.attach();
    stream.handleSnapshot(snap(0, ''));
    terminal.parse();
    stream.setPriority('visible');
    stream.handleOutput(0, bytes('stale'));
    stream.handleSnapshot(snap(5, 'FRESH'));
    clock.advance(BACKGROUND_WRITE_POLICY.visibleIntervalMs * 2);
    expect(terminal.written()).not.toContain('stale');
    expect(terminal.written()).toContain('FRESH');
  });
});

describe('TerminalStream echo', () => {
  it("releases another pane's overdue batch once the typed-into pane's output is parsed", () => {
    const clock = new FakeClock();
    const quiet = new InputQuiet(clock);
    const typed = new FakeTerminal();
    const other = new FakeTerminal();
    const make = (id: string, terminal: FakeTerminal) => new TerminalStream({ id, terminal, transport: new FakeTransport(), clock, quiet });
    const a = make('a', typed);
    const b = make('b', other);
    for (const s of [a, b]) {
      s.attach();
      s.handleSnapshot(snap(0, ''));
    }
    typed.parse();
    other.parse();
    b.setPriority('visible');
    b.handleOutput(0, bytes('log'));
    // Someone types steadily into a, with no echo yet: b waits past its longest hold.
    for (let t = 0; t < INPUT_QUIET_POLICY.maxPostponeMs + 10; t += 20) {
      quiet.noteKeystroke();
      clock.advance(20);
    }
    expect(other.written()).not.toContain('log');
    quiet.noteKeystroke();
    a.handleOutput(0, bytes('k'));
    expect(other.written()).not.toContain('log');
    typed.parse(); // the echo is parsed
    expect(other.written()).toContain('log');
  });
});

describe('WriteCoalescer phase', () => {
  it('flushes every background pane on the same interval boundary, whenever their output arrived', () => {
    const clock = new FakeClock();
    const written: string[] = [];
    const make = (name: string) => new WriteCoalescer({ clock, write: () => written.push(name) });
    const a = make('a');
    const b = make('b');
    const interval = BACKGROUND_WRITE_POLICY.visibleIntervalMs;
    clock.nowMs = interval * 10 + 10;
    a.push(bytes('1'), 1);
    clock.advance(100);
    b.push(bytes('2'), 1);
    // Just before the boundary nothing is written, just after both are.
    clock.advance(interval - 110 - 1);
    expect(written).toEqual([]);
    clock.advance(1);
    expect(written).toEqual(['a', 'b']);
  });
});
