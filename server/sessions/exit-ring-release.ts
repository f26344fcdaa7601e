import type { ReplayRing } from './replay-ring';

export interface ExitRingReleaseOptions {
  ring: ReplayRing;
  /** The mirror's serialized screen, exact at `seq`. */
  serialize: () => Promise<{ seq: number; data: string }>;
  /** True while some viewer still reads from the ring (a slow one catching up). */
  readsRing: () => boolean;
  isLive: () => boolean;
  /** The session's process generation (a restart adds one). */
  generation: () => number;
}

/**
 * Gives back the replay ring of an exited session, and keeps its final screen instead.
 *
 * Nothing is appended to an exited session's ring, and a late or reconnecting viewer is
 * served by the mirror's snapshot (a fromSeq outside the ring gets one), so the ring (up
 * to replayBytes, for each of up to MAX_EXITED_SESSIONS) is given back once the mirror
 * has parsed all of it and no viewer still reads from it (a slow one catching up gets
 * every byte). The serialized final screen is kept instead, when smaller, so a mirror
 * worker crash still rebuilds that screen.
 */
export class ExitRingRelease {
  /** The screen at the last exit, serialized, when the ring was released for it: what a
   * mirror rebuilt after a worker crash re-parses in place of the bytes given back. */
  private exitScreen: { seq: number; bytes: Uint8Array } | null = null;
  /** The generation whose ring release was settled (done, declined, or under way). */
  private settledGeneration = 0;

  constructor(private readonly opts: ExitRingReleaseOptions) {}

  /** Once per exit: called again on every pump, exit and detach, it does nothing until
   * the session has exited and no viewer reads the ring. */
  releaseIfDone(): void {
    const { ring, isLive, readsRing } = this.opts;
    const generation = this.opts.generation();
    if (isLive() || this.settledGeneration === generation || readsRing()) return;
    this.settledGeneration = generation;
    this.opts.serialize().then(
      (snap) => {
        const settled = !isLive() && this.opts.generation() === generation && snap.seq === ring.end;
        if (!settled || readsRing()) {
          // A viewer attached in between, or a restart: ask again at the next occasion.
          if (this.opts.generation() === generation) this.settledGeneration = 0;
          return;
        }
        const bytes = Buffer.from(snap.data, 'utf8');
        if (bytes.byteLength >= ring.heldBytes) return;
        this.exitScreen = { seq: snap.seq, bytes };
        ring.clear();
      },
      () => {
        // The mirror is closed (session removed) or its worker is down: the ring is then the
        // only copy of the screen, and it is kept.
      },
    );
  }

  /** After an append: once the ring (after a restart) dropped its first block, the kept
   * exit screen no longer joins it, and a rebuild could not use it. */
  afterAppend(): void {
    if (this.exitScreen !== null && this.exitScreen.seq !== this.opts.ring.start) this.exitScreen = null;
  }

  /** What a restarted mirror worker re-parses: the ring, after the kept exit screen while
   * the ring still starts where that screen ends (it stands for the bytes given back). */
  rebuildSource(): { startSeq: number; bytes: Uint8Array } {
    const ring = this.opts.ring;
    const ringBytes = ring.slice(ring.start, ring.heldBytes) ?? new Uint8Array(0);
    const kept = this.exitScreen;
    if (kept === null || kept.seq !== ring.start) return { startSeq: ring.start, bytes: ringBytes };
    return { startSeq: kept.seq - kept.bytes.byteLength, bytes: Buffer.concat([kept.bytes, ringBytes]) };
  }
}
