import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';

/**
 * socket.io's own parser, except for one event: `pty:output-batch` travels as ONE binary
 * WebSocket message instead of two.
 *
 * Why: socket.io sends an event with a binary argument as a text header
 * (`451-["pty:output-batch",{"_placeholder":true,"num":0}]`) followed by the bytes as a
 * second message. In the browser each message is its own task and IPC hop; on the
 * keystroke-to-echo path the second one cost ~0.3 ms (p50) and up to 1.4 ms (p95).
 *
 * The framing stays unambiguous: in socket.io's protocol a binary message is only ever
 * an attachment announced by a header just before it. A binary message that arrives when
 * no header announced one is therefore an output batch (protocol/output-batch.ts), and
 * nothing else. Every other packet is encoded and decoded exactly as by the default.
 *
 * The server uses `serverParser` (it sends such messages, and decodes clients' messages
 * with the default decoder, which refuses unannounced binary); browsers and scripts use
 * `clientParser`. A client on the default parser cannot read output batches.
 */
export const OUTPUT_BATCH_EVENT = 'pty:output-batch';

function isBytes(value: unknown): value is Uint8Array | ArrayBuffer {
  return value instanceof Uint8Array || value instanceof ArrayBuffer;
}

class OutputBatchEncoder extends Encoder {
  override encode(packet: Packet): Array<string | Uint8Array | ArrayBuffer> {
    const data: unknown = packet.data;
    if (
      packet.type === PacketType.EVENT &&
      packet.nsp === '/' &&
      packet.id === undefined &&
      Array.isArray(data) &&
      data.length === 2 &&
      data[0] === OUTPUT_BATCH_EVENT &&
      isBytes(data[1])
    ) {
      return [data[1]];
    }
    return super.encode(packet);
  }
}

/** socket.io's Decoder keeps its reconstruction state private; a binary message
 * outside one is what the default decoder would reject. */
interface DecoderState {
  reconstructor?: unknown;
}

class OutputBatchDecoder extends Decoder {
  override add(chunk: unknown): void {
    if (isBytes(chunk) && !(this as unknown as DecoderState).reconstructor) {
      this.emitReserved('decoded', { type: PacketType.EVENT, nsp: '/', data: [OUTPUT_BATCH_EVENT, chunk] });
      return;
    }
    super.add(chunk);
  }
}

export const serverParser = { Encoder: OutputBatchEncoder, Decoder } as const;
export const clientParser = { Encoder, Decoder: OutputBatchDecoder } as const;

/** Where the console serves socket.io. */
export const SOCKET_IO_PATH = '/socket.io';

/**
 * What every socket.io client of the console needs: its path, WebSocket only, and this
 * parser; with a token (scripts, the CLI, tests), the Bearer header too. The dashboard
 * passes none: its cookie authenticates it.
 */
export function consoleSocketOptions(token?: string) {
  return {
    path: SOCKET_IO_PATH,
    transports: ['websocket'],
    parser: clientParser,
    ...(token === undefined ? {} : { extraHeaders: { authorization: `Bearer ${token}` } }),
  };
}
