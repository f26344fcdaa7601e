import type { Logger } from './logger';

/**
 * The console process's own lifecycle, shared by `npm start` (server/main.ts) and the
 * console the fault tests start: one graceful shutdown for SIGINT, SIGTERM and SIGHUP, and
 * output streams that may go away.
 *
 * Why SIGHUP: closing the terminal `npm start` runs in sends it. Node's default is to die
 * on the spot, which leaves the agents running in the detached pty host with no console;
 * a closed terminal should stop them like Ctrl-C does (AXIOM_KEEP_AGENTS=1 keeps them).
 *
 * Why the stream errors: with the terminal gone, or stdout piped into a reader that quit
 * (`npm start | head -1`), every write fails with EPIPE or EIO. Unhandled, that error is
 * an uncaught exception; Next's handler logs it to the same broken stderr, which fails
 * again: the console spun at 100 % CPU and never finished its shutdown. A stream that
 * failed is destroyed, so later writes are dropped quietly.
 */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const GONE = new Set(['EPIPE', 'EIO', 'ECONNRESET', 'ENOTCONN', 'ERR_STREAM_DESTROYED']);

export function dropBrokenOutput(streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (GONE.has(error.code ?? '')) stream.destroy();
      else throw error;
    });
  }
}

/** Runs `close` once on the first stop signal, then exits 0 (1 when closing failed). */
export function stopOnSignals(o: { log: Logger; close: () => Promise<void>; describe?: (signal: NodeJS.Signals) => string }): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    o.log.log('info', o.describe?.(signal) ?? `${signal}: shutting down`);
    o.close().then(
      () => process.exit(0),
      (error: unknown) => {
        o.log.log('error', 'shutdown failed', error);
        process.exit(1);
      },
    );
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
}
