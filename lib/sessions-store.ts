import type { SessionInfo } from '../protocol/session';

/**
 * The sessions the dashboard knows about, as an external store for
 * useSyncExternalStore: one list fed by `session:list` on connect and by
 * `session:updated` / `session:removed` afterwards. Snapshots are immutable arrays
 * rebuilt only on change, so components re-render only when something changed.
 */
export class SessionsStore {
  private readonly byId = new Map<string, SessionInfo>();
  private snapshot: readonly SessionInfo[] = [];
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly SessionInfo[] => this.snapshot;

  get(id: string): SessionInfo | undefined {
    return this.byId.get(id);
  }

  /** Replace everything (the authoritative list after a (re)connect). */
  replaceAll(sessions: readonly SessionInfo[]): void {
    this.byId.clear();
    for (const s of sessions) this.byId.set(s.id, s);
    this.publish();
  }

  upsert(info: SessionInfo): void {
    const prev = this.byId.get(info.id);
    if (prev && sameInfo(prev, info)) return;
    this.byId.set(info.id, info);
    this.publish();
  }

  remove(id: string): void {
    if (this.byId.delete(id)) this.publish();
  }

  private publish(): void {
    // Oldest first, so panes keep their place in the grid as sessions come and go.
    this.snapshot = [...this.byId.values()].sort(
      (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id),
    );
    for (const l of this.listeners) l();
  }
}

function sameInfo(a: SessionInfo, b: SessionInfo): boolean {
  return (
    a.status === b.status &&
    a.cols === b.cols &&
    a.rows === b.rows &&
    a.pid === b.pid &&
    a.exitCode === b.exitCode &&
    a.signal === b.signal &&
    a.generation === b.generation &&
    a.name === b.name &&
    a.interruptKey === b.interruptKey &&
    a.exitedAt === b.exitedAt
  );
}
