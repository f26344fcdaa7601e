import { isUtf8 } from 'node:buffer';
import { castTime, encodeCastEvent, encodeCastHeader, type CastEvent, type CastHeader } from '../../protocol/asciicast';
import { completeUtf8Length } from './utf8-boundary';

/**
 * The pure core of one session's recording: turns output bytes, resizes and markers into
 * asciicast v2 lines, and enforces the size cap. No I/O; time comes in with each call.
 *
 * Lines come out as bytes, ready for the file. A multi-byte character split across two
 * PTY reads (or two batches) is held back until its last byte arrives and written whole,
 * never as two replacement characters.
 *
 * Output that is valid UTF-8 (nearly all of it) is never decoded: its bytes, read as
 * Latin-1, go through JSON.stringify, which escapes only quotes, backslashes and C0
 * controls (all ASCII) and leaves every byte >= 0x80 as it is; written back as Latin-1,
 * the line is byte for byte what encoding the decoded text would give. Decoding to
 * UTF-16, stringifying and re-encoding cost ~12 ms per MiB of a flood on the PTY host's
 * main thread, the one that forwards every keystroke's echo; this path costs a fraction.
 */
export interface CastEncoderOptions {
  /** Milliseconds (same clock as every later call) that t=0 of the recording stands for. */
  startMs: number;
  /** Cap on the file's size in bytes; the cut marker is the only line written past it. */
  maxBytes: number;
}

const MIB = 1024 * 1024;

/** The last line of a cut recording: shown in the player as the final output. */
export function cutMarkerText(maxBytes: number): string {
  const mib = Math.round((maxBytes / MIB) * 100) / 100;
  return `\r\n[axiom: recording cut at ${mib} MiB]\r\n`;
}

const EMPTY = new Uint8Array(0);

/** Bytes per JSON.stringify call: even all control characters (6 bytes escaped each) keep
 * the string under V8's 128 KiB large-object size, so it is young garbage that a scavenge
 * drops for free. One string per 256 KiB batch went to the large-object space: ~100 MiB of
 * old generation per 32 MiB of output, and mark-compacts of the pty host's heap to match
 * (the sliced path costs ~45 ms of CPU per 32 MiB against ~77, same bytes out). */
const ESCAPE_SLICE_BYTES = 16 * 1024;

/** `prefix` + the JSON escape of valid UTF-8 `body` (read as Latin-1, see above) + `"]\n`,
 * built slice by slice into one buffer. */
function validUtf8Line(prefix: string, body: Buffer): Buffer {
  const pieces: string[] = [];
  let total = prefix.length + 3;
  for (let at = 0; at < body.length; at += ESCAPE_SLICE_BYTES) {
    const piece = JSON.stringify(body.toString('latin1', at, Math.min(body.length, at + ESCAPE_SLICE_BYTES)));
    pieces.push(piece);
    total += piece.length - 2;
  }
  const out = Buffer.allocUnsafe(total);
  let at = out.write(prefix, 0, 'latin1');
  // Without each piece's own quotes: escapes are per byte, so the pieces join as one string.
  for (const piece of pieces) at += out.write(piece.slice(1, -1), at, 'latin1');
  out.write('"]\n', at, 'latin1');
  return out;
}

export class CastEncoder {
  /** The start of a character whose last bytes have not arrived yet. */
  private tail: Uint8Array = EMPTY;
  private bytesWritten = 0;
  private cut = false;

  constructor(private readonly opts: CastEncoderOptions) {}

  /** True once the cap was reached: nothing more will be written. */
  get isCut(): boolean {
    return this.cut;
  }

  get bytes(): number {
    return this.bytesWritten;
  }

  /** Always written (and counted): without it the file would not be a recording at all. */
  header(header: CastHeader): Uint8Array {
    const line = Buffer.from(encodeCastHeader(header), 'utf8');
    this.bytesWritten += line.byteLength;
    return line;
  }

  /** Empty while the bytes end inside a character (held back) or after the cut. */
  output(atMs: number, data: Uint8Array): Uint8Array {
    if (this.cut) return EMPTY;
    const bytes = this.tail.byteLength === 0 ? data : Buffer.concat([this.tail, data]);
    const end = completeUtf8Length(bytes);
    // A copy: the tail is at most 3 bytes, and `data` may be reused by the caller.
    this.tail = end === bytes.byteLength ? EMPTY : bytes.slice(end);
    return end === 0 ? EMPTY : this.outputLine(atMs, bytes.subarray(0, end));
  }

  resize(atMs: number, cols: number, rows: number): Uint8Array {
    return this.cut ? EMPTY : this.event([this.seconds(atMs), 'r', `${cols}x${rows}`], atMs);
  }

  marker(atMs: number, label: string): Uint8Array {
    return this.cut ? EMPTY : this.event([this.seconds(atMs), 'm', label], atMs);
  }

  /** The process ended: a character it left unfinished is written as U+FFFD now, so it
   * cannot merge with the first bytes of the next generation. */
  endOfStream(atMs: number): Uint8Array {
    const rest = this.tail;
    this.tail = EMPTY;
    if (this.cut || rest.byteLength === 0) return EMPTY;
    return this.event([this.seconds(atMs), 'o', new TextDecoder().decode(rest)], atMs);
  }

  /** `body` ends on a character boundary. Output that would pass the cap is cut to the
   * part that fits (on a character boundary), then the marker: a recording cut at N MiB
   * holds everything up to N MiB, even when one large batch (a flood's 64 KiB read)
   * crosses the cap. */
  private outputLine(atMs: number, body: Uint8Array): Uint8Array {
    const line = this.encodeOutput(atMs, body);
    if (this.bytesWritten + line.byteLength <= this.opts.maxBytes) return this.emit(line, atMs);
    const room = this.opts.maxBytes - this.bytesWritten;
    // The longest prefix whose line fits: escaping makes a line's length grow with its
    // body's, not in proportion, so search (once per recording, at most ~17 encodes).
    let lo = 0;
    let hi = body.byteLength;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.encodeOutput(atMs, body.subarray(0, mid)).byteLength <= room) lo = mid;
      else hi = mid - 1;
    }
    const fits = completeUtf8Length(body.subarray(0, lo));
    if (fits === 0) return this.emit(line, atMs);
    const part = this.emit(this.encodeOutput(atMs, body.subarray(0, fits)), atMs);
    return Buffer.concat([part, this.emit(line, atMs)]);
  }

  private encodeOutput(atMs: number, body: Uint8Array): Uint8Array {
    const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    if (!isUtf8(buf)) {
      // Invalid bytes become U+FFFD, as a decoder would show them.
      return Buffer.from(encodeCastEvent([this.seconds(atMs), 'o', new TextDecoder().decode(body)]), 'utf8');
    }
    return validUtf8Line(`[${JSON.stringify(this.seconds(atMs))},"o","`, buf);
  }

  private seconds(atMs: number): number {
    return castTime(Math.max(0, atMs - this.opts.startMs) / 1000);
  }

  private event(event: CastEvent, atMs: number): Uint8Array {
    return this.emit(Buffer.from(encodeCastEvent(event), 'utf8'), atMs);
  }

  /** Whole lines only: a line that would pass the cap is replaced by the cut marker. */
  private emit(line: Uint8Array, atMs: number): Uint8Array {
    if (this.bytesWritten + line.byteLength <= this.opts.maxBytes) {
      this.bytesWritten += line.byteLength;
      return line;
    }
    this.cut = true;
    this.tail = EMPTY;
    const marker = Buffer.from(encodeCastEvent([this.seconds(atMs), 'o', cutMarkerText(this.opts.maxBytes)]), 'utf8');
    this.bytesWritten += marker.byteLength;
    return marker;
  }
}
