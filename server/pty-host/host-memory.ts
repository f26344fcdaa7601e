/**
 * Memory settings of the pty host process, which receives every byte every agent prints.
 *
 * Why: during a 20 s `yes` flood the host grew by ~130 MiB with Node's defaults, and the
 * growth was not live data (the replay ring is 16 MiB, the mirror's scrollback a few):
 * - V8's young generation grows to 16 MiB semi-spaces under a high allocation rate, in
 *   the main thread and in the mirror worker; 8 MiB semi-spaces cap that. (2 MiB capped it
 *   harder but scavenged so often that a 32 MiB `cat` cost the host ~0.15 CPU-s more, on
 *   a 2-core machine where the browser waits for that CPU: ADR 0020);
 * - glibc raises its mmap threshold after large blocks are freed, so later 256 KiB
 *   batches come from arenas that keep their pages, one arena per thread. A fixed
 *   threshold returns them to the system at once, and two arenas stop the spread. The
 *   threshold is 128 KiB, above the 64 KiB buffer Node allocates for every read of the
 *   PTY: at 64 KiB each ~4 KiB read became an mmap, page faults and an munmap (a 32 MiB
 *   `cat` is ~8,000 reads).
 * With both, a warm host grows by a few tens of MiB for the same flood; a host started
 * for it by 75-90, the replay ring's 16 MiB included (bench: floodRss*, README).
 *
 * A user's own MALLOC_* settings win. The ones we add are dropped from the host's
 * environment as soon as it starts, so agents never inherit them.
 */
type Env = Record<string, string | undefined>;

export const HOST_V8_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

const HOST_MALLOC_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
};

/** Names the launcher added, for the host to drop (comma-separated). */
export const ADDED_ENV_MARKER = 'AXIOM_PTY_HOST_ADDED_ENV';

export function hostSpawnEnv<E extends Env>(base: E): E {
  const added = Object.keys(HOST_MALLOC_ENV).filter((name) => base[name] === undefined);
  const env: Env = { ...base };
  for (const name of added) env[name] = HOST_MALLOC_ENV[name];
  env[ADDED_ENV_MARKER] = added.join(',');
  return env as E;
}

/** Run first thing in the host: glibc has read them; nobody else should. */
export function dropAddedEnv(env: Env): void {
  for (const name of (env[ADDED_ENV_MARKER] ?? '').split(',')) if (name !== '') delete env[name];
  delete env[ADDED_ENV_MARKER];
}
