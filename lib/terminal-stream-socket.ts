import type { SessionInfo } from '../protocol/session';
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

export function connectTerminalStream(options: {
  socket: AxiomSocket;
  id: string;
  terminal: StreamTerminal;
  onInfo: (info: SessionInfo) => void;
}): ConnectedStream {
  const { socket, id } = options;
  const stream = new TerminalStream({
    id,
    terminal: options.terminal,
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
      if (reply.ok) options.onInfo(reply.value.info);
      else console.warn(`[axiom] attach ${id} failed: ${reply.error.code}`);
    },
  });

  const onOutput = (frameId: string, seq: number, data: Uint8Array | ArrayBuffer): void => {
    if (frameId !== id) return;
    // socket.io delivers binary attachments as ArrayBuffer in the browser.
    stream.handleOutput(seq, data instanceof Uint8Array ? data : new Uint8Array(data));
  };
  const onSnapshot: Parameters<typeof socket.on<'pty:snapshot'>>[1] = (snapshot) => {
    if (snapshot.id === id) stream.handleSnapshot(snapshot);
  };
  const onConnect = (): void => stream.attach();

  socket.on('pty:output', onOutput);
  socket.on('pty:snapshot', onSnapshot);
  socket.on('connect', onConnect);
  if (socket.connected) stream.attach();

  return {
    setPriority: (priority) => stream.setPriority(priority),
    close: () => {
      socket.off('pty:output', onOutput);
      socket.off('pty:snapshot', onSnapshot);
      socket.off('connect', onConnect);
      stream.dispose();
      if (socket.connected) socket.emit('session:detach', { id });
    },
  };
}
