/**
 * Memory settings of the console's two processes: the pty host receives every byte every
 * agent prints, and the web server relays it to the browsers.
 *
 * Why: during a 20 s `yes` flood the host grew by ~130 MiB with Node's defaults, and the
 * growth was not live data (the replay ring is 16 MiB, the mirror's scrollback a few):
 * - V8's young generation grows to 16 MiB semi-spaces under a high allocation rate, in
 *   the host's main thread, in its mirror worker and in the web server. Semi-spaces of
 *   2 MiB (host) and 1 MiB (web server) keep them small. The output's bytes live outside
 *   the heap and little JavaScript survives a scavenge, so scavenging more often costs
 *   no measurable CPU (32 MiB `cat`, 6 runs each: pty host 1.15 CPU-s either way);
 * - the mirror worker's old generation fills with a catch-up snapshot's garbage. A
 *   growing factor of 1.2 after each mark-compact collects it sooner;
 * - glibc raises its mmap threshold after large blocks are freed, so later 256 KiB
 *   batches come from arenas that keep their pages, one arena per thread. A fixed
 *   threshold returns them to the system at once, and two arenas stop the spread. The
 *   threshold is 128 KiB, above the 64 KiB buffer Node allocates for every read of the
 *   PTY: at 64 KiB each ~4 KiB read became an mmap, page faults and an munmap (a 32 MiB
 *   `cat` is ~8,000 reads).
 * Measured and kept in ADR 0022 (bench: floodRss*, README).
 *
 * A user's own MALLOC_* settings win. The ones we add are dropped from the host's
 * environment as soon as it starts, so agents never inherit them.
 */
type Env = Record<string, string | undefined>;

export const HOST_V8_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--heap-growing-percent=20'];

/** The web server's flags: on the command line of `npm start` (package.json), of the CLI's
 * `start` and of the test and bench harness (a test checks package.json against this). */
export const WEB_V8_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

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
