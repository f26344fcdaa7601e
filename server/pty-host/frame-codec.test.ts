import { describe, expect, it } from 'vitest';
import { encodeJson, encodeOutputHeader, FrameDecoder, FrameError, MAX_FRAME_BYTES, type Frame } from './frame-codec';
import { asClientMessage, asHostMessage } from './host-protocol';

function outputFrame(id: string, viewerId: string, seq: number, data: Uint8Array): Buffer {
  return Buffer.concat([encodeOutputHeader({ id, viewerId, seq }, data.byteLength), data]);
}

describe('frame codec', () => {
  it('round-trips json and output frames, in order', () => {
    const bytes = new Uint8Array([0, 1, 2, 0xe2, 0x82]);
    const wire = Buffer.concat([
      encodeJson({ type: 'reply', rid: 1, result: { ok: true, value: null } }),
      outputFrame('s-abc', 'viewer-é', 2 ** 40 + 3, bytes),
      encodeJson({ text: 'ünïcödé' }),
    ]);
    const frames = new FrameDecoder().push(wire);
    expect(frames).toHaveLength(3);
    expect(frames[0]).toEqual({ kind: 'json', value: { type: 'reply', rid: 1, result: { ok: true, value: null } } });
    const out = frames[1] as Extract<Frame, { kind: 'output' }>;
    expect([out.kind, out.id, out.viewerId, out.seq]).toEqual(['output', 's-abc', 'viewer-é', 2 ** 40 + 3]);
    expect([...out.data]).toEqual([...bytes]);
    expect(frames[2]).toEqual({ kind: 'json', value: { text: 'ünïcödé' } });
  });

  it('reassembles frames split at every byte boundary', () => {
    const data = new Uint8Array(300).map((_, i) => i % 251);
    const wire = Buffer.concat([outputFrame('s-1', 'v', 7, data), encodeJson({ a: 1 })]);
    for (let cut = 1; cut < wire.length; cut++) {
      const decoder = new FrameDecoder();
      const frames = [...decoder.push(wire.subarray(0, cut)), ...decoder.push(wire.subarray(cut))];
      expect(frames.map((f) => f.kind)).toEqual(['output', 'json']);
      expect(decoder.pendingBytes).toBe(0);
    }
  });

  it('hands output bytes out as a view of the chunk, without a copy', () => {
    const data = new Uint8Array(1000).fill(65);
    const chunk = outputFrame('s-1', 'v', 0, data);
    const [frame] = new FrameDecoder().push(chunk);
    expect(frame?.kind === 'output' && frame.data.buffer === chunk.buffer).toBe(true);
  });

  it('refuses a corrupt length and an unknown kind', () => {
    const huge = Buffer.alloc(5);
    huge.writeUInt32BE(MAX_FRAME_BYTES + 1, 0);
    expect(() => new FrameDecoder().push(huge)).toThrow(FrameError);
    const unknown = Buffer.from([0, 0, 0, 1, 9]);
    expect(() => new FrameDecoder().push(unknown)).toThrow(/kind 9/);
    const badJson = Buffer.from([0, 0, 0, 2, 1, 0x7b]);
    expect(() => new FrameDecoder().push(badJson)).toThrow(/bad json/);
  });
});

describe('host protocol shape checks', () => {
  it('accepts the messages each side sends and nothing else', () => {
    expect(asClientMessage({ type: 'hello', version: 1, secret: 'x' })).toBeDefined();
    expect(asClientMessage({ type: 'request', rid: 1, request: { type: 'list' } })).toBeDefined();
    expect(asClientMessage({ type: 'shutdown', rid: 2, stopAgents: true })).toBeDefined();
    expect(asClientMessage({ type: 'flush-recording', rid: 3, id: null })).toBeDefined();
    expect(asClientMessage({ type: 'request', rid: '1', request: { type: 'list' } })).toBeUndefined();
    expect(asClientMessage({ type: 'shutdown', rid: 2 })).toBeUndefined();
    expect(asClientMessage([1])).toBeUndefined();
    expect(asHostMessage({ type: 'reply', rid: 1, result: { ok: false, error: { code: 'x', message: 'y' } } })).toBeDefined();
    expect(asHostMessage({ type: 'event', event: { type: 'session:removed', id: 's-1' } })).toBeDefined();
    expect(asHostMessage({ type: 'welcome', version: 1, pid: 5, startedAt: 0 })).toBeDefined();
    expect(asHostMessage({ type: 'reply', rid: 1 })).toBeUndefined();
    expect(asHostMessage({ type: 'nope' })).toBeUndefined();
  });
});
