import type { CommandError, CommandResult } from './commands';

/**
 * Loads one of the dashboard's authoritative lists (sessions, tasks, suggestions) after a
 * connect, and keeps trying when it fails: a console whose pty host is restarting answers
 * `session:list` with an error for a moment, and a page that only logged it showed a stale
 * list until the next reconnect. Each failure is reported (the top bar says the list is out
 * of date, and why) and retried with backoff until it loads or the loader is cancelled (the
 * socket dropped: the next connect starts a new one). Timers are injected for the tests.
 */
export interface ListLoaderOptions<T> {
  load: () => Promise<CommandResult<T>>;
  apply: (value: T) => void;
  /** The latest failure, or null once the list loaded. */
  report: (error: CommandError | null) => void;
  delaysMs?: readonly number[];
  setTimer?: (fn: () => void, ms: number) => () => void;
}

/** 1 s, then doubling to 15 s: quick after a blip, gentle on a console that stays broken. */
export const LIST_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 15_000];

const realTimer = (fn: () => void, ms: number): (() => void) => {
  const handle = setTimeout(fn, ms);
  return () => clearTimeout(handle);
};

/** Starts loading at once; returns the cancel function. */
export function loadList<T>(opts: ListLoaderOptions<T>): () => void {
  const delays = opts.delaysMs ?? LIST_RETRY_DELAYS_MS;
  const setTimer = opts.setTimer ?? realTimer;
  let cancelled = false;
  let cancelTimer: (() => void) | null = null;
  let failures = 0;
  const attempt = (): void => {
    cancelTimer = null;
    void opts.load().then((result) => {
      if (cancelled) return;
      if (result.ok) {
        opts.apply(result.value);
        if (failures > 0) opts.report(null);
        return;
      }
      opts.report(result.error);
      const delay = delays[Math.min(failures, delays.length - 1)] ?? 15_000;
      failures += 1;
      cancelTimer = setTimer(attempt, delay);
    });
  };
  attempt();
  return () => {
    cancelled = true;
    cancelTimer?.();
  };
}
