/**
 * The server's log: one line per event on stderr (stdout carries only the console URL
 * line, which scripts parse). Internal error details go here, never onto the wire.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, detail?: unknown): void;
}

const LEVEL_RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createStderrLogger(options: { minLevel?: LogLevel } = {}): Logger {
  const min = LEVEL_RANK[options.minLevel ?? 'info'];
  return {
    log(level, message, detail) {
      if (LEVEL_RANK[level] < min) return;
      const suffix = detail === undefined ? '' : ` ${describe(detail)}`;
      process.stderr.write(`[axiom ${level}] ${message}${suffix}\n`);
    },
  };
}

/** For tests: only errors, so expected refusals and cut sockets do not clutter the output. */
export const quietLogger: Logger = createStderrLogger({ minLevel: 'error' });

function describe(detail: unknown): string {
  if (detail instanceof Error) return detail.stack ?? `${detail.name}: ${detail.message}`;
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail);
  } catch (error) {
    // Circular or BigInt-bearing detail: a log line must never throw.
    return `[unserialisable detail: ${String(error)}]`;
  }
}
