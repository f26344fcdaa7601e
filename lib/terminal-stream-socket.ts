import type { ScreenSnapshot } from '../protocol/events';
import { asBytes, decodeOutputBatch } from '../protocol/output-batch';
import type { WireError } from '../protocol/result';
import type { SessionInfo } from '../protocol/session';
import { AttachRetry } from './attach-retry';
import { pageInputQuiet } from './input-quiet';
import { TerminalStream, type PanePriority, type StreamTerminal } from './terminal-stream';
import type { AxiomSocket } from './socket-types';

/**
 * Wires a TerminalStream to the socket: routes this session's frames and snapshots to
 * it and (re)attaches on every connect. `close` also detaches.
 */
export interface ConnectedStream {
  /** See TerminalStream.setPriority. */
  setPriority(priority: PanePriority): void;
  close(): void;
}

/**
 * One listener per socket for output and snapshots, routing by session id, instead of
 * every pane's listener looking at every message (17 panes and ~700 messages a second
 * made ~12,000 listener calls a second for ~700 useful ones).
 */
class StreamDispatcher {
  private readonly streams = new Map<string, TerminalStream>();

  constructor(socket: AxiomSocket) {
    socket.on('pty:output-batch', (batch: Uint8Array | ArrayBuffer) => {
      try {
        decodeOutputBatch(asBytes(batch), (id, seq, data) => this.streams.get(id)?.handleOutput(seq, data));
      } catch (error) {
        // A truncated batch is a server bug; the streams see the gap and resync.
        console.error('[axiom] bad output batch', error);
      }
    });
    socket.on('pty:snapshot', (snapshot: ScreenSnapshot) => this.streams.get(snapshot.id)?.handleSnapshot(snapshot));
  }

  add(stream: TerminalStream): void {
    this.streams.set(stream.id, stream);
  }

  remove(stream: TerminalStream): void {
    if (this.streams.get(stream.id) === stream) this.streams.delete(stream.id);
  }
}

const dispatchers = new WeakMap<AxiomSocket, StreamDispatcher>();

function dispatcherFor(socket: AxiomSocket): StreamDispatcher {
  let d = dispatchers.get(socket);
  if (!d) {
    d = new StreamDispatcher(socket);
    dispatchers.set(socket, d);
  }
  return d;
}

export function connectTerminalStream(options: {
  socket: AxiomSocket;
  id: string;
  terminal: StreamTerminal;
  onInfo: (info: SessionInfo) => void;
  /** The last attach failed (the pane says so), or null once one succeeded. */
  onAttachError?: (error: WireError | null) => void;
}): ConnectedStream {
  const { socket, id } = options;
  const retry = new AttachRetry();
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const cancelRetry = (): void => {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
  };
  const stream = new TerminalStream({
    id,
    terminal: options.terminal,
    quiet: pageInputQuiet,
    transport: {
      // Offline, we send nothing: socket.io would buffer these and deliver them ahead of
      // the re-attach on reconnect, and the connect handler below attaches anyway.
      attach: (req, onReply) => {
        if (socket.connected) socket.emit('session:attach', req, onReply);
      },
      ack: (req) => {
        if (socket.connected) socket.emit('pty:ack', req);
      },
    },
    onAttachReply: (reply) => {
      options.onAttachError?.(reply.ok ? null : reply.error);
      if (reply.ok) {
        retry.succeeded();
        options.onInfo(reply.value.info);
        return;
      }
      const delay = retry.failed(reply.error);
      if (delay === null || retryTimer !== null) return;
      retryTimer = setTimeout(() => {
        retryTimer = null;
        stream.attach();
      }, delay);
    },
  });

  const dispatcher = dispatcherFor(socket);
  dispatcher.add(stream);
  // What the server knows of this pane (pty:priority): anything but the pane being
  // typed into is background, and its output may travel batched with other sessions'.
  let background = false;
  const sendPriority = (): void => {
    if (socket.connected) socket.emit('pty:priority', { id, priority: background ? 'background' : 'interactive' });
  };
  const onConnect = (): void => {
    cancelRetry();
    stream.attach();
    // A new socket starts every session interactive.
    if (background) sendPriority();
  };

  socket.on('connect', onConnect);
  if (socket.connected) stream.attach();

  return {
    setPriority: (priority) => {
      stream.setPriority(priority);
      const nextBackground = priority !== 'interactive';
      if (nextBackground === background) return;
      background = nextBackground;
      sendPriority();
    },
    close: () => {
      cancelRetry();
      dispatcher.remove(stream);
      socket.off('connect', onConnect);
      stream.dispose();
      if (socket.connected) socket.emit('session:detach', { id });
    },
  };
}
