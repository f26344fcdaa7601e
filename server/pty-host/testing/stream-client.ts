import { io as connect, type Socket } from 'socket.io-client';
import { consoleSocketOptions } from '../../../protocol/socket-parser';
import type { AttachReply, ClientToServerEvents, ServerToClientEvents } from '../../../protocol/events';
import { asBytes, decodeOutputBatch } from '../../../protocol/output-batch';
import type { Result } from '../../../protocol/result';
import { PROCESS_TOKEN } from './console-process';

/**
 * For fault tests and the restart bench: a socket.io client that watches sessions the way
 * the dashboard does (attach, ack every frame, on reconnect attach again from the next
 * expected byte) and checks sequence continuity: every frame must start where the last
 * one ended, or a snapshot must say where the stream resumes.
 */
type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface StreamState {
  /** The next byte offset expected; -1 before the first snapshot or frame. */
  expectedSeq: number;
  /** Frames that did not start at expectedSeq. */
  gaps: number;
  snapshots: number;
  /** Decoded text of the frames (not of snapshots). */
  text: string;
  attaches: AttachReply['mode'][];
}

export interface StreamClient {
  socket: ClientSocket;
  streams: Map<string, StreamState>;
  /** performance.now() of every 'connect' (the first, then each reconnect). */
  connects: number[];
  /** performance.now() of each time every watched session was attached again. */
  reattached: number[];
  watch(id: string): Promise<AttachReply>;
  close(): void;
}

/** Faster than socket.io's default (1 s doubling to 5 s) so a restarted console is found
 * within about a second; the dashboard uses the same (lib/axiom-provider.tsx). */
export const RECONNECT = { reconnectionDelay: 250, reconnectionDelayMax: 1000 } as const;

export function streamClient(origin: string): StreamClient {
  const socket: ClientSocket = connect(origin, {
    ...consoleSocketOptions(PROCESS_TOKEN),
    forceNew: true,
    ...RECONNECT,
  });
  const streams = new Map<string, StreamState>();
  const decoders = new Map<string, TextDecoder>();
  const connects: number[] = [];
  const reattached: number[] = [];
  let first = true;

  const attach = (id: string): Promise<AttachReply> =>
    new Promise((resolve, reject) => {
      const state = streams.get(id) as StreamState;
      const fromSeq = state.expectedSeq >= 0 ? { fromSeq: state.expectedSeq } : {};
      socket.emit('session:attach', { id, ...fromSeq }, (reply: Result<AttachReply>) => {
        if (!reply.ok) return reject(new Error(`attach ${id}: ${reply.error.message}`));
        state.attaches.push(reply.value.mode);
        resolve(reply.value);
      });
    });

  socket.on('connect', () => {
    connects.push(performance.now());
    if (first) {
      first = false;
      return;
    }
    void Promise.all([...streams.keys()].map(attach)).then(() => reattached.push(performance.now()));
  });
  socket.on('pty:snapshot', (snap) => {
    const state = streams.get(snap.id);
    if (state === undefined) return;
    state.snapshots += 1;
    state.expectedSeq = snap.seq;
  });
  socket.on('pty:output-batch', (batch) =>
    decodeOutputBatch(asBytes(batch), (id, seq, data) => {
      const state = streams.get(id);
      if (state === undefined) return;
      if (state.expectedSeq >= 0 && seq !== state.expectedSeq) state.gaps += 1;
      state.expectedSeq = seq + data.byteLength;
      state.text += decoders.get(id)?.decode(data, { stream: true }) ?? '';
      socket.emit('pty:ack', { id, seq: state.expectedSeq });
    }),
  );

  return {
    socket,
    streams,
    connects,
    reattached,
    watch: async (id) => {
      streams.set(id, { expectedSeq: -1, gaps: 0, snapshots: 0, text: '', attaches: [] });
      decoders.set(id, new TextDecoder());
      if (!socket.connected) await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      return attach(id);
    },
    close: () => {
      socket.disconnect();
    },
  };
}
