import { connectSocket } from './lib/socket-client';
import type { SessionInfo } from '../protocol/session';
import type { Result } from '../protocol/result';
import { asBytes, decodeOutputBatch } from '../protocol/output-batch';

/**
 * Spawn to first output, as a client sees it: from sending `session:create` to the first
 * output bytes of the new session on the same socket (a frame, or a non-empty snapshot
 * if the output beat the attach).
 */
export async function measureSpawnToFirstOutput(url: string, token: string, count: number): Promise<number[]> {
  const socket = await connectSocket(url, token);
  const samples: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const got = new Promise<number>((resolve) => {
        const onFrame = (batch: Uint8Array | ArrayBuffer) => {
          let bytes = 0;
          decodeOutputBatch(asBytes(batch), (_id, _seq, data) => {
            bytes += data.byteLength;
          });
          if (bytes > 0) done();
        };
        const onSnap = (snap: { data: string }) => {
          if (snap.data.trim().length > 0) done();
        };
        const done = () => {
          socket.off('pty:output-batch', onFrame);
          socket.off('pty:snapshot', onSnap);
          resolve(performance.now() - t0);
        };
        socket.on('pty:output-batch', onFrame);
        socket.on('pty:snapshot', onSnap);
      });
      const created = await new Promise<Result<SessionInfo>>((r) => socket.emit('session:create', { command: 'echo', args: ['ready'], name: 'spawn-probe' }, r));
      if (!created.ok) throw new Error(created.error.message);
      socket.emit('session:attach', { id: created.value.id }, () => undefined);
      samples.push(await got);
      await new Promise((r) => socket.emit('session:remove', { id: created.value.id }, r));
    }
  } finally {
    socket.close();
  }
  return samples;
}
