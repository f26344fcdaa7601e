/**
 * Reconciles a list reply with the live events that came while it was on its way.
 *
 * After a connect the dashboard asks for each authoritative list (sessions, tasks,
 * suggestions) and also takes `…:updated` / `…:removed` events. The two do not always
 * arrive in the order they happened: the console answers `session:list` from the pty host,
 * and the host's reply and a later event decoded from the same read go out in the wrong
 * order (the reply waits for a promise, the event does not). A list older than an event
 * then replaced the newer state, and a session or task created right after the page
 * connected never showed until its next change.
 *
 * The rule: events are complete from the moment the request is sent, so for every id an
 * event touched since then the store's current state (present or gone) wins over the list.
 * Pure bookkeeping; the stores stay as they are.
 */
export class ListSync {
  private version = 0;
  /** Id → version of the last event that touched it. */
  private readonly touched = new Map<string, number>();

  /** A live event changed or removed this id. */
  note(id: string): void {
    this.touched.set(id, ++this.version);
  }

  /** An event handler that notes the id it is given, then applies the event. */
  noting<E extends { id: string }>(apply: (event: E) => void): (event: E) => void {
    return (event) => {
      this.note(event.id);
      apply(event);
    };
  }

  /** Taken when a list request is sent; passed back to `merge` with its reply. */
  mark(): number {
    return this.version;
  }

  /**
   * The reply as the server sent it, with every item an event touched after `since` taken
   * from `current` instead (dropped if it is gone there), in the reply's order, then the
   * touched items the reply did not have.
   */
  merge<T extends { id: string }>(list: readonly T[], since: number, current: (id: string) => T | undefined): T[] {
    const newer = (id: string): boolean => (this.touched.get(id) ?? Number.NEGATIVE_INFINITY) > since;
    const out: T[] = [];
    const seen = new Set<string>();
    for (const item of list) {
      seen.add(item.id);
      if (!newer(item.id)) {
        out.push(item);
        continue;
      }
      const now = current(item.id);
      if (now !== undefined) out.push(now);
    }
    for (const [id, version] of this.touched) {
      if (version <= since || seen.has(id)) continue;
      const now = current(id);
      if (now !== undefined) out.push(now);
    }
    // What this reply settled no longer needs remembering (one request per list at a time).
    for (const [id, version] of this.touched) if (version <= since) this.touched.delete(id);
    return out;
  }
}
