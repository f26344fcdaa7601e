import type { OutputFrame } from './events';

/**
 * `pty:output-batch`: several output frames, of any sessions, in one binary message.
 *
 * Why one event and not one per frame: a socket.io binary event is two WebSocket
 * messages and a task in the browser each. Per-frame events from sixteen chatty
 * sessions made ~680 messages a second into the page; a batch carries every frame the
 * server had for a socket, and the browser demultiplexes it once.
 *
 * Layout, per frame, big-endian:
 *   u8   id length in bytes (ids are short ASCII, see ids.ts)
 *   ...  id, UTF-8
 *   f64  seq (byte offset; a double is exact to 2^53)
 *   u32  data length
 *   ...  data
 */
export const OUTPUT_BATCH_HEADER_BYTES = 1 + 8 + 4;

/** socket.io hands binary payloads over as ArrayBuffer in the browser and as Buffer (a
 * Uint8Array) in Node; decoding takes either. */
export function asBytes(data: Uint8Array | ArrayBuffer): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeOutputBatch(frames: readonly OutputFrame[]): Uint8Array {
  const ids = frames.map(([id]) => encoder.encode(id));
  let total = 0;
  frames.forEach(([, , data], i) => {
    total += OUTPUT_BATCH_HEADER_BYTES + ids[i]!.byteLength + data.byteLength;
  });
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  frames.forEach(([, seq, data], i) => {
    const id = ids[i]!;
    if (id.byteLength > 255) throw new RangeError('session id too long for an output batch');
    out[at] = id.byteLength;
    out.set(id, at + 1);
    at += 1 + id.byteLength;
    view.setFloat64(at, seq);
    view.setUint32(at + 8, data.byteLength);
    at += 12;
    out.set(data, at);
    at += data.byteLength;
  });
  return out;
}

/** Calls `onFrame` for each frame, in order; `data` is a view into `batch`, not a copy.
 * Throws RangeError on a truncated batch. */
export function decodeOutputBatch(batch: Uint8Array, onFrame: (id: string, seq: number, data: Uint8Array) => void): void {
  const view = new DataView(batch.buffer, batch.byteOffset, batch.byteLength);
  let at = 0;
  while (at < batch.byteLength) {
    const idLen = batch[at]!;
    const headerEnd = at + 1 + idLen + 12;
    if (headerEnd > batch.byteLength) throw new RangeError('truncated output batch');
    const id = decoder.decode(batch.subarray(at + 1, at + 1 + idLen));
    at += 1 + idLen;
    const seq = view.getFloat64(at);
    const len = view.getUint32(at + 8);
    at += 12;
    if (at + len > batch.byteLength) throw new RangeError('truncated output batch');
    onFrame(id, seq, batch.subarray(at, at + len));
    at += len;
  }
}
