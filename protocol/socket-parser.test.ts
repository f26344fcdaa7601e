import { describe, expect, it } from 'vitest';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import { OUTPUT_BATCH_EVENT, clientParser, serverParser } from './socket-parser';

function decodeAll(decoder: Decoder, messages: Array<string | Uint8Array>): Packet[] {
  const out: Packet[] = [];
  decoder.on('decoded', (p: Packet) => out.push(p));
  for (const m of messages) decoder.add(m);
  return out;
}

describe('socket parser', () => {
  const batch = new Uint8Array([1, 2, 3, 250]);

  it('sends an output batch as one binary message, and the client reads it back as the event', () => {
    const messages = new serverParser.Encoder().encode({ type: PacketType.EVENT, nsp: '/', data: [OUTPUT_BATCH_EVENT, batch] });
    expect(messages).toEqual([batch]);
    const [packet] = decodeAll(new clientParser.Decoder(), messages as Uint8Array[]);
    expect(packet).toEqual({ type: PacketType.EVENT, nsp: '/', data: [OUTPUT_BATCH_EVENT, batch] });
  });

  it('encodes every other packet as socket.io does, binary attachments included', () => {
    const ours = new serverParser.Encoder();
    const theirs = new Encoder();
    const packets: Packet[] = [
      { type: PacketType.EVENT, nsp: '/', data: ['session:updated', { id: 's-1' }] },
      { type: PacketType.EVENT, nsp: '/', data: ['pty:snapshot', { id: 's-1', data: batch }] },
      { type: PacketType.EVENT, nsp: '/', data: [OUTPUT_BATCH_EVENT, batch], id: 7 },
      { type: PacketType.ACK, nsp: '/', data: [{ ok: true }], id: 3 },
    ];
    for (const p of packets) expect(ours.encode(p)).toEqual(theirs.encode(p));
  });

  it('reads announced attachments as attachments, then a bare batch as a batch', () => {
    const snapshot: Packet = { type: PacketType.EVENT, nsp: '/', data: ['pty:snapshot', { data: batch }] };
    const messages = [...(new Encoder().encode(snapshot) as Array<string | Uint8Array>), batch];
    const packets = decodeAll(new clientParser.Decoder(), messages);
    expect(packets).toHaveLength(2);
    expect(packets[0]!.data[0]).toBe('pty:snapshot');
    expect(packets[1]!.data).toEqual([OUTPUT_BATCH_EVENT, batch]);
  });

  it('leaves the server refusing binary that no header announced (clients never send batches)', () => {
    expect(() => new serverParser.Decoder().add(batch)).toThrow(/not reconstructing/);
  });
});
