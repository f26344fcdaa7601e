import type { Ack } from '../protocol/events';
import type { Result, WireError } from '../protocol/result';
import { LIMITS } from '../protocol/limits';
import type { AxiomSocket } from './socket-types';

/**
 * Commands from the dashboard: every one gets a Result, including the two failures that
 * happen before the server can answer (we are offline, or it did not answer in time).
 */
export type ClientError = { code: 'offline:client' | 'timeout:client'; message: string };
export type CommandResult<T> = Result<T> | { ok: false; error: ClientError };
export type CommandError = WireError | ClientError;

/** Long enough for a spawn on a busy 2-core box; short enough that a lost reply is shown. */
const COMMAND_TIMEOUT_MS = 10_000;

/**
 * Sends one command and resolves with its Result. `send` emits the event with the
 * given ack, so each call site is type-checked against the event map.
 */
export function command<T>(
  socket: AxiomSocket | null,
  send: (socket: AxiomSocket, ack: Ack<T>) => void,
  timeoutMs = COMMAND_TIMEOUT_MS,
): Promise<CommandResult<T>> {
  if (!socket?.connected) {
    return Promise.resolve({ ok: false, error: { code: 'offline:client', message: 'not connected to the server' } });
  }
  return new Promise((resolve) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      resolve({ ok: false, error: { code: 'timeout:client', message: 'the server did not answer' } });
    }, timeoutMs);
    send(socket, (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    });
  });
}

/**
 * Splits input into pieces of at most `maxBytes` UTF-8 bytes (the server refuses larger
 * `pty:input` payloads), never inside a surrogate pair, so each piece is valid text.
 */
export function splitInput(data: string, maxBytes: number = LIMITS.maxInputBytes): string[] {
  if (data.length * 3 <= maxBytes) return [data]; // fast path: cannot exceed, whatever the text
  const pieces: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < data.length; ) {
    const code = data.codePointAt(i) ?? 0;
    const units = code > 0xffff ? 2 : 1;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) {
      pieces.push(data.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    i += units;
  }
  if (start < data.length) pieces.push(data.slice(start));
  return pieces;
}

/**
 * Keystrokes and pastes: fire and forget, in order. Dropped while offline rather than
 * queued, because keys replayed minutes later (a "y" to an approval prompt) are worse
 * than keys lost while the indicator says "reconnecting".
 */
export function sendInput(socket: AxiomSocket | null, id: string, data: string): void {
  if (!socket?.connected || data.length === 0) return;
  for (const piece of splitInput(data)) socket.emit('pty:input', { id, data: piece });
}
