/**
 * The last `capacityBytes` of a session's output, addressed by byte offset (the sequence
 * number). Output is copied into fixed-size blocks, so a stream of one-byte echoes costs
 * no more memory per byte than a flood, and the oldest block is dropped as a whole.
 * Pure data structure, no I/O.
 */

/** Block size: large enough that a 16 MiB ring is a few hundred blocks, small enough that
 * trimming one block at a time keeps the ring close to its capacity. */
const DEFAULT_RING_BLOCK_BYTES = 64 * 1024;

interface Block {
  start: number;
  bytes: Uint8Array;
  length: number;
}

export interface ReplayRingOptions {
  capacityBytes: number;
  blockBytes?: number;
  /** Offset of the first byte (non-zero when a ring is rebuilt mid-stream). */
  startSeq?: number;
}

export class ReplayRing {
  private blocks: Block[] = [];
  private endSeq: number;
  private readonly blockBytes: number;

  constructor(private readonly opts: ReplayRingOptions) {
    this.blockBytes = opts.blockBytes ?? DEFAULT_RING_BLOCK_BYTES;
    if (opts.capacityBytes < this.blockBytes) throw new Error('ring capacity must be at least one block');
    this.endSeq = opts.startSeq ?? 0;
  }

  /** Offset of the oldest byte still held. */
  get start(): number {
    return this.blocks[0]?.start ?? this.endSeq;
  }

  /** Offset one past the newest byte: the total bytes ever appended (plus startSeq). */
  get end(): number {
    return this.endSeq;
  }

  get heldBytes(): number {
    return this.endSeq - this.start;
  }

  append(data: Uint8Array): void {
    let at = 0;
    while (at < data.byteLength) {
      let tail = this.blocks[this.blocks.length - 1];
      if (!tail || tail.length === this.blockBytes) {
        tail = { start: this.endSeq, bytes: new Uint8Array(this.blockBytes), length: 0 };
        this.blocks.push(tail);
      }
      const n = Math.min(this.blockBytes - tail.length, data.byteLength - at);
      tail.bytes.set(data.subarray(at, at + n), tail.length);
      tail.length += n;
      at += n;
      this.endSeq += n;
    }
    // Drop whole oldest blocks while the rest still holds the full capacity.
    while (this.blocks.length > 1) {
      const oldest = this.blocks[0] as Block;
      if (this.endSeq - (oldest.start + oldest.length) < this.opts.capacityBytes) break;
      this.blocks.shift();
    }
  }

  /** Gives back every byte held; offsets go on from `end` (a session that exited keeps
   * its numbering for a restart). */
  clear(): void {
    this.blocks = [];
  }

  /**
   * Up to `maxBytes` bytes starting at `from`, or undefined when `from` is outside
   * [start, end). A range inside one block is a view (no copy); the bytes it covers are
   * never written again.
   */
  slice(from: number, maxBytes: number): Uint8Array | undefined {
    if (from < this.start || from >= this.endSeq || maxBytes <= 0) return undefined;
    const to = Math.min(this.endSeq, from + maxBytes);
    let i = this.findBlock(from);
    const first = this.blocks[i] as Block;
    if (to <= first.start + first.length) {
      return first.bytes.subarray(from - first.start, to - first.start);
    }
    const out = new Uint8Array(to - from);
    let at = from;
    while (at < to) {
      const b = this.blocks[i] as Block;
      const end = Math.min(to, b.start + b.length);
      out.set(b.bytes.subarray(at - b.start, end - b.start), at - from);
      at = end;
      i += 1;
    }
    return out;
  }

  private findBlock(seq: number): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.blocks[mid] as Block).start <= seq) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
