/**
 * An external store for useSyncExternalStore around a pure reducer. The reducer returns the
 * state itself when an event changes nothing, and then no listener runs, so a resent list
 * after a reconnect re-renders nothing. The tasks, suggestions and interventions stores are
 * this with their own reducer and a few named helpers.
 */
export class ReducerStore<S, E> {
  private state: S;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly reduce: (state: S, event: E) => S,
    initial: S,
  ) {
    this.state = initial;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): S => this.state;

  dispatch(event: E): void {
    const next = this.reduce(this.state, event);
    if (next === this.state) return;
    this.state = next;
    for (const l of this.listeners) l();
  }
}
