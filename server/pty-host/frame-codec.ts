/**
 * The pty-host socket's framing: pure encode/decode, no I/O.
 *
 * Every frame is `u32 length (big-endian) | u8 kind | body`, where length counts the kind
 * byte and the body. Two kinds:
 * - json: the body is one UTF-8 JSON message (requests, replies, session events).
 * - output: the hot path, kept out of JSON so output bytes are never base64'd, decoded or
 *   copied into a string: `f64 seq | u8 idLength | id | u8 viewerLength | viewer | bytes`.
 *   The decoder hands the bytes out as a view of the received chunk (no copy) whenever a
 *   frame arrived in one chunk, which is the common case.
 */
export const FRAME_KIND = { json: 1, output: 2 } as const;

/** Length prefix plus kind byte. */
const PREFIX_BYTES = 5;
/** seq (f64: byte offsets pass 2^32 after 4 GiB of one session's output) + two u8 lengths. */
const OUTPUT_FIXED_BYTES = 8 + 1 + 1;
/** Far above any real frame (a 256 KiB output batch, a snapshot of 5000 lines, a list of
 * 64 sessions): a length past this means a corrupt or hostile stream, and the connection
 * is dropped instead of buffering gigabytes waiting for the rest. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;
/** Ids are short ASCII (session `s-…`, socket.io ids); a u8 length bounds them. */
const MAX_ID_BYTES = 255;

export interface OutputFrame {
  kind: 'output';
  viewerId: string;
  id: string;
  seq: number;
  data: Uint8Array;
}
export type Frame = { kind: 'json'; value: unknown } | OutputFrame;

export class FrameError extends Error {
  override readonly name = 'FrameError';
}

export function encodeJson(value: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  if (body.length + 1 > MAX_FRAME_BYTES) throw new FrameError(`json frame of ${body.length} bytes is too large`);
  const prefix = Buffer.allocUnsafe(PREFIX_BYTES);
  prefix.writeUInt32BE(body.length + 1, 0);
  prefix.writeUInt8(FRAME_KIND.json, 4);
  return Buffer.concat([prefix, body]);
}

/**
 * The header of an output frame; the caller writes `data` right after it (two writes,
 * corked by the socket), so the batch itself is never copied on the sending side.
 */
export function encodeOutputHeader(frame: Omit<OutputFrame, 'kind' | 'data'>, dataBytes: number): Buffer {
  const idBytes = Buffer.byteLength(frame.id, 'latin1');
  const viewerBytes = Buffer.byteLength(frame.viewerId, 'utf8');
  if (idBytes > MAX_ID_BYTES || viewerBytes > MAX_ID_BYTES) throw new FrameError('id too long for an output frame');
  const headerBytes = PREFIX_BYTES + OUTPUT_FIXED_BYTES + idBytes + viewerBytes;
  const length = headerBytes - 4 + dataBytes;
  if (length > MAX_FRAME_BYTES) throw new FrameError(`output frame of ${dataBytes} bytes is too large`);
  const header = Buffer.allocUnsafe(headerBytes);
  let at = header.writeUInt32BE(length, 0);
  at = header.writeUInt8(FRAME_KIND.output, at);
  at = header.writeDoubleBE(frame.seq, at);
  at = header.writeUInt8(idBytes, at);
  at += header.write(frame.id, at, 'latin1');
  at = header.writeUInt8(viewerBytes, at);
  header.write(frame.viewerId, at, 'utf8');
  return header;
}

/** Accumulates socket chunks and returns the complete frames, in order. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Throws FrameError on a corrupt stream (the connection must then be closed). */
  push(chunk: Buffer): Frame[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const frames: Frame[] = [];
    while (this.buffered >= 4) {
      const length = this.peekLength();
      if (length < 1 || length > MAX_FRAME_BYTES) throw new FrameError(`bad frame length ${length}`);
      if (this.buffered < 4 + length) break;
      frames.push(parseFrame(this.take(4 + length)));
    }
    return frames;
  }

  /** Bytes held waiting for the rest of a frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  private peekLength(): number {
    if ((this.chunks[0] as Buffer).length < 4) this.merge(4);
    return (this.chunks[0] as Buffer).readUInt32BE(0);
  }

  /** Makes the first chunk at least `bytes` long by joining the chunks it needs. */
  private merge(bytes: number): void {
    let joined = 0;
    let count = 0;
    while (joined < bytes) joined += (this.chunks[count++] as Buffer).length;
    this.chunks.splice(0, count, Buffer.concat(this.chunks.slice(0, count), joined));
  }

  private take(bytes: number): Buffer {
    if ((this.chunks[0] as Buffer).length < bytes) this.merge(bytes);
    const first = this.chunks[0] as Buffer;
    const out = first.subarray(0, bytes);
    if (first.length === bytes) this.chunks.shift();
    else this.chunks[0] = first.subarray(bytes);
    this.buffered -= bytes;
    return out;
  }
}

function parseFrame(frame: Buffer): Frame {
  const kind = frame.readUInt8(4);
  if (kind === FRAME_KIND.json) {
    try {
      return { kind: 'json', value: JSON.parse(frame.toString('utf8', PREFIX_BYTES)) as unknown };
    } catch (error) {
      throw new FrameError(`bad json frame: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (kind !== FRAME_KIND.output) throw new FrameError(`unknown frame kind ${kind}`);
  if (frame.length < PREFIX_BYTES + OUTPUT_FIXED_BYTES) throw new FrameError('short output frame');
  let at = PREFIX_BYTES;
  const seq = frame.readDoubleBE(at);
  at += 8;
  const idBytes = frame.readUInt8(at);
  at += 1;
  const id = frame.toString('latin1', at, at + idBytes);
  at += idBytes;
  if (at >= frame.length) throw new FrameError('short output frame');
  const viewerBytes = frame.readUInt8(at);
  at += 1;
  const viewerId = frame.toString('utf8', at, at + viewerBytes);
  at += viewerBytes;
  if (at > frame.length || !Number.isSafeInteger(seq) || seq < 0) throw new FrameError('bad output frame header');
  return { kind: 'output', viewerId, id, seq, data: frame.subarray(at) };
}
