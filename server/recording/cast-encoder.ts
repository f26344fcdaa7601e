import { castTime, encodeCastEvent, encodeCastHeader, type CastEvent, type CastHeader } from '../../protocol/asciicast';

/**
 * The pure core of one session's recording: turns output bytes, resizes and markers into
 * asciicast v2 lines, and enforces the size cap. No I/O; time comes in with each call.
 *
 * Bytes are decoded by one streaming TextDecoder per recording, so a multi-byte character
 * split across two PTY reads (or two batches) is held back until its last byte arrives
 * and written whole, never as two replacement characters.
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

export class CastEncoder {
  private decoder = new TextDecoder('utf-8');
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
  header(header: CastHeader): string {
    const line = encodeCastHeader(header);
    this.bytesWritten += Buffer.byteLength(line);
    return line;
  }

  /** '' while the bytes end inside a character (the decoder holds them) or after the cut. */
  output(atMs: number, data: Uint8Array): string {
    if (this.cut) return '';
    const text = this.decoder.decode(data, { stream: true });
    return text === '' ? '' : this.event([this.seconds(atMs), 'o', text], atMs);
  }

  resize(atMs: number, cols: number, rows: number): string {
    return this.cut ? '' : this.event([this.seconds(atMs), 'r', `${cols}x${rows}`], atMs);
  }

  marker(atMs: number, label: string): string {
    return this.cut ? '' : this.event([this.seconds(atMs), 'm', label], atMs);
  }

  /** The process ended: a character it left unfinished is written as U+FFFD now, so it
   * cannot merge with the first bytes of the next generation. */
  endOfStream(atMs: number): string {
    if (this.cut) return '';
    const rest = this.decoder.decode();
    this.decoder = new TextDecoder('utf-8');
    return rest === '' ? '' : this.event([this.seconds(atMs), 'o', rest], atMs);
  }

  private seconds(atMs: number): number {
    return castTime(Math.max(0, atMs - this.opts.startMs) / 1000);
  }

  private event(event: CastEvent, atMs: number): string {
    return this.emit(encodeCastEvent(event), atMs);
  }

  /** Whole lines only: a line that would pass the cap is replaced by the cut marker. */
  private emit(line: string, atMs: number): string {
    const size = Buffer.byteLength(line);
    if (this.bytesWritten + size <= this.opts.maxBytes) {
      this.bytesWritten += size;
      return line;
    }
    this.cut = true;
    const marker = encodeCastEvent([this.seconds(atMs), 'o', cutMarkerText(this.opts.maxBytes)]);
    this.bytesWritten += Buffer.byteLength(marker);
    return marker;
  }
}
