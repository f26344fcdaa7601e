import { useSyncExternalStore } from 'react';

/**
 * One shared one-second tick for every elapsed-time display (DAG nodes, rows), instead of
 * a timer per node: with forty tasks that is one interval and one batched render per
 * second, and no timer at all while nothing shows a clock.
 */
const TICK_MS = 1_000;

let nowMs = 0;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    nowMs = Date.now();
    timer = setInterval(() => {
      nowMs = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time, updated once a second while any component shows it. 0 on the server. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => (nowMs ||= Date.now()), () => 0);
}
