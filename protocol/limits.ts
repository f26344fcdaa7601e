/**
 * Limits shared by server and browser. Each says why it has its value and what failure
 * it prevents; the server enforces them, the browser uses them to refuse early.
 */
export const LIMITS = {
  /** One keystroke burst or paste; larger pastes must be split. Stops one message from
   * monopolising the PTY write queue or the socket. */
  maxInputBytes: 64 * 1024,
  /** REST bodies: the largest legitimate body is an input of maxInputBytes plus JSON overhead. */
  maxRestBodyBytes: 256 * 1024,
  /** socket.io maxHttpBufferSize: anything larger is dropped by the transport before parsing. */
  maxSocketMessageBytes: 512 * 1024,
  /** Terminal geometry: beyond these xterm.js and most programs misbehave, and a huge
   * size would make the mirror allocate absurd buffers. */
  minCols: 2,
  maxCols: 1000,
  minRows: 1,
  maxRows: 500,
  /** Names shown in pane headers. */
  maxNameLength: 80,
  maxArgs: 64,
  maxArgLength: 4096,
  maxEnvEntries: 128,
} as const;
