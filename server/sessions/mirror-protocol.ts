/**
 * Messages between the main thread (terminal-mirror.ts, mirror-worker-client.ts) and the
 * mirror worker (mirror-worker.ts), which parses every session's output in headless xterm
 * Terminals. Plain structured-clone data; output bytes travel as transferred ArrayBuffers.
 *
 * Ordering: the worker handles the messages of one mirror in the order they were posted,
 * and applies writes, resizes and requests in that order too (a request is answered only
 * after every byte posted before it was parsed), so a reply is exact at the `seq` it
 * carries.
 */

/** Numeric id of one mirror, unique within one client (sessions keep theirs across a
 * worker restart). */
export type MirrorId = number;

export interface MirrorScreen {
  text: string;
  cols: number;
  rows: number;
  cursorX: number;
  cursorY: number;
  alternate: boolean;
  /** The last window title the program set (OSC 0/2); agents report their state in it. */
  title: string;
}

export type ToWorker =
  | {
      type: 'open';
      mid: MirrorId;
      cols: number;
      rows: number;
      scrollbackLines: number;
      /** Offset of the first byte this mirror will parse. */
      startSeq: number;
      /** Bytes to parse first with query replies muted: a rebuild after a worker crash
       * replays output whose queries were already answered once. */
      replay?: Uint8Array;
    }
  | { type: 'write'; mid: MirrorId; data: Uint8Array }
  | { type: 'resize'; mid: MirrorId; cols: number; rows: number }
  | { type: 'serialize'; mid: MirrorId; rid: number }
  | { type: 'screen'; mid: MirrorId; rid: number }
  | { type: 'close'; mid: MirrorId };

/** What the main thread must know without asking: how far each mirror parsed, and the
 * modes it decides on synchronously (bracketed paste, for inject). */
export interface ParsedReport {
  mid: MirrorId;
  seq: number;
  bracketedPaste: boolean;
}

export interface SerializedState {
  data: string;
  cols: number;
  rows: number;
}

export type FromWorker =
  /** Coalesced: one message per worker turn for all mirrors that advanced. */
  | { type: 'parsed'; reports: ParsedReport[] }
  /** A terminal's answer to a query (DA, DSR, XTVERSION…): to be written to the PTY. */
  | { type: 'reply'; mid: MirrorId; data: string }
  | { type: 'serialized'; rid: number; seq: number; state: SerializedState }
  | { type: 'screen'; rid: number; seq: number; screen: MirrorScreen }
  | { type: 'failed'; rid: number; message: string };
