import { io, type Socket } from 'socket.io-client';
import { consoleSocketOptions } from '../protocol/socket-parser';
import type { AttachReply, ClientToServerEvents, ServerToClientEvents } from '../protocol/events';
import { asBytes, decodeOutputBatch } from '../protocol/output-batch';
import type { Result } from '../protocol/result';
import type { TaskInfo } from '../protocol/task';
import type { ApiClient } from './api-client';
import { CliError, EXIT } from './exit-codes';

/**
 * `axiom tail ID`: follows a task's terminal live, as the browser does: a socket.io
 * attach (not polling), the screen snapshot first, then the raw output frames, acked so
 * the server's flow control keeps sending. Ends when the session exits (exit 0) or on
 * Ctrl-C. Raw bytes, so a terminal shows colours and redraws as the pane does.
 */
export interface TailOptions {
  api: ApiClient;
  taskId: string;
  write: (data: string | Uint8Array) => void;
  /** Stop after the snapshot (`--once`): print the current screen and exit. */
  once: boolean;
  /** With `once`: the screen as plain text (from the server's mirror) instead of the
   * snapshot's escape sequences, which draw the screen but break `| grep` (the serializer
   * writes runs of blanks as cursor moves). Set when stdout is not a terminal. */
  plain?: boolean;
}

/** After an exit, how long to wait for the rest of the stream before ending anyway. */
const END_GRACE_MS = 3000;

export async function tail(o: TailOptions): Promise<void> {
  const task = await o.api.call<TaskInfo>('GET', `/api/tasks/${encodeURIComponent(o.taskId)}`);
  if (task.sessionId === null) throw new CliError(`task ${task.id} has no terminal yet (${task.state})`, EXIT.error);
  const sessionId = task.sessionId;
  if (o.once && o.plain) {
    const screen = await o.api.call<{ text: string }>('GET', `/api/sessions/${encodeURIComponent(sessionId)}/screen`);
    o.write(screen.text.endsWith('\n') ? screen.text : `${screen.text}\n`);
    return;
  }
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(o.api.address.origin, {
    ...consoleSocketOptions(o.api.address.token),
    reconnection: false,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      // Ends once the stream reached the session's last byte: an exit can be announced
      // before the snapshot or the last frames arrive, and they must still be printed.
      let seen = -1;
      let endSeq: number | null = null;
      let giveUp: NodeJS.Timeout | null = null;
      const check = (): void => {
        if ((o.once && seen >= 0) || (endSeq !== null && seen >= endSeq)) resolve();
      };
      const ended = (outputBytes: number): void => {
        endSeq = outputBytes;
        // Whatever happens to the stream, a tail of an ended session does not hang.
        giveUp ??= setTimeout(resolve, END_GRACE_MS).unref();
        check();
      };
      socket.on('connect_error', (error) => reject(new CliError(`console unreachable at ${o.api.address.origin} (${error.message})`, EXIT.unreachable)));
      socket.on('disconnect', () => resolve());
      socket.on('pty:snapshot', (snap) => {
        if (snap.id !== sessionId) return;
        o.write(snap.data);
        seen = Math.max(seen, snap.seq);
        check();
      });
      socket.on('pty:output-batch', (batch) => {
        let last = -1;
        decodeOutputBatch(asBytes(batch), (id, seq, data) => {
          if (id !== sessionId) return;
          o.write(data);
          last = seq + data.byteLength;
        });
        if (last < 0) return;
        socket.emit('pty:ack', { id: sessionId, seq: last });
        seen = Math.max(seen, last);
        check();
      });
      socket.on('session:updated', (info) => {
        if (info.id === sessionId && info.status === 'exited') ended(info.outputBytes);
      });
      socket.on('connect', () => {
        socket.emit('session:attach', { id: sessionId }, (r: Result<AttachReply>) => {
          if (!r.ok) reject(new CliError(`${r.error.code}: ${r.error.message}`, r.error.code.startsWith('not_found') ? EXIT.notFound : EXIT.error));
          else if (r.value.info.status === 'exited') ended(r.value.info.outputBytes);
        });
      });
    });
  } finally {
    socket.close();
  }
}
