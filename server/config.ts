import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { z } from 'zod';
import { resolveDataDir } from './data-dir';

/**
 * Environment and flags, parsed once with zod into a typed, frozen object.
 * Nothing else in the server reads `process.env` or `process.argv`.
 */

/** Defaults. Why each: */
const DEFAULTS = {
  /** Loopback only: the console runs arbitrary commands, so it must not be reachable
   * from the network unless the user asks for it (and then sets a token). */
  host: '127.0.0.1',
  /** Unassigned by IANA and easy to remember; 0 means "pick a free port". */
  port: 7337,
  /** Enough agents for one machine; each session holds a PTY, a mirror and a replay ring. */
  maxSessions: 64,
  /** Time between SIGHUP and SIGKILL: agents get to save state, but shutdown stays quick. */
  killGraceMs: 3000,
  /** 32 random bytes: 256 bits, not guessable by a page probing localhost. */
  generatedTokenBytes: 32,
  /** 50 MiB per session: hours of a busy agent, yet a runaway flood cannot fill the disk
   * (or the player's memory) with one recording. */
  recordingMaxBytes: 50 * 1024 * 1024,
  /** A month of history: long enough to look back at last sprint's agents, short enough
   * that a console running for a year does not keep every byte every agent printed. */
  retentionDays: 30,
  /** All recordings together: 160 full-size recordings; far below a laptop's free disk. */
  recordingsTotalMaxBytes: 8 * 1024 * 1024 * 1024,
  /** Agents working at once; more tasks wait in the queue. Each Claude Code instance is a
   * few hundred MB and a share of a core: 8 keeps a laptop responsive. */
  maxRunningTasks: 8,
  /** The PTYs live in a separate, detached process so agents survive a console restart or
   * crash (ADR 0009); 'inline' keeps them in the web server (tests, debugging). */
  ptyHost: 'process',
  /** Stop (SIGHUP, then SIGKILL after the grace time) every agent when the console is
   * stopped: no surprise orphans. AXIOM_KEEP_AGENTS=1 leaves them running in the pty host
   * for the next console to reattach. A crash or kill -9 always leaves them running. */
  keepAgents: false,
} as const;

/** Exit code for a configuration refused at start, distinct from a crash (1). */
export const CONFIG_EXIT_CODE = 2;

export class ConfigError extends Error {
  readonly exitCode = CONFIG_EXIT_CODE;
  override readonly name = 'ConfigError';
}

export interface ConsoleConfig {
  readonly host: string;
  readonly port: number;
  readonly token: string;
  /** 'env' when AXIOM_TOKEN was set; 'generated' when made at start. */
  readonly tokenSource: 'env' | 'generated';
  readonly dataDir: string;
  readonly maxSessions: number;
  readonly killGraceMs: number;
  /** Cap on each session's recording file; 0 turns recording off. */
  readonly recordingMaxBytes: number;
  /** Days ended sessions and task trees (with their events and recordings) are kept; 0: forever. */
  readonly retentionDays: number;
  /** Cap on all recordings together (oldest ended ones deleted first); 0: no cap. */
  readonly recordingsTotalMaxBytes: number;
  /** Extra origins and hosts, added to the loopback defaults. */
  readonly allowedOrigins: readonly string[];
  readonly allowedHosts: readonly string[];
  readonly demo: boolean;
  readonly dev: boolean;
  readonly maxRunningTasks: number;
  /** 'process': PTYs in the detached pty host; 'inline': in this process. */
  readonly ptyHost: 'process' | 'inline';
  /** At a graceful stop, leave the agents running in the pty host (process mode only). */
  readonly keepAgents: boolean;
  /**
   * Which model Claude Code instances talk to. 'real': the provider, with the user's own
   * login. 'scripted': the built-in scripted model server (offline demo and tests). A URL:
   * an Anthropic Messages API server there. 'auto': scripted when no Claude credentials are
   * found on this machine, else real.
   */
  readonly agentModel: 'auto' | 'real' | 'scripted' | { url: string };
}

const commaList = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0),
  );

const intFromEnv = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((s) => (s === undefined || s.trim() === '' ? String(fallback) : s.trim()))
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number'))
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** '1'/'true' or '0'/'false'; empty or unset gives the default. */
const boolFromEnv = (fallback: boolean) =>
  z
    .enum(['', '0', '1', 'true', 'false'])
    .optional()
    .transform((s) => (s === undefined || s === '' ? fallback : s === '1' || s === 'true'));

const envSchema = z.object({
  HOST: z
    .string()
    .optional()
    .transform((s) => (s === undefined || s.trim() === '' ? DEFAULTS.host : s.trim())),
  PORT: intFromEnv(DEFAULTS.port, 0, 65535),
  AXIOM_TOKEN: z
    .string()
    .optional()
    .transform((s) => (s === undefined || s.trim() === '' ? undefined : s.trim()))
    .pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  /** Blank or unset: the default folder (resolveDataDir trims and expands `~`). */
  AXIOM_DATA_DIR: z.string().optional(),
  AXIOM_MAX_SESSIONS: intFromEnv(DEFAULTS.maxSessions, 1, 10_000),
  AXIOM_KILL_GRACE_MS: intFromEnv(DEFAULTS.killGraceMs, 0, 600_000),
  AXIOM_RECORDING_MAX_BYTES: intFromEnv(DEFAULTS.recordingMaxBytes, 0, 1024 ** 4),
  AXIOM_RETENTION_DAYS: intFromEnv(DEFAULTS.retentionDays, 0, 100_000),
  AXIOM_RECORDINGS_MAX_TOTAL_BYTES: intFromEnv(DEFAULTS.recordingsTotalMaxBytes, 0, 1024 ** 5),
  AXIOM_ALLOWED_ORIGINS: commaList,
  AXIOM_ALLOWED_HOSTS: commaList,
  AXIOM_MAX_RUNNING: intFromEnv(DEFAULTS.maxRunningTasks, 1, 1000),
  AXIOM_AGENT_MODEL: z
    .string()
    .optional()
    .transform((s) => (s === undefined || s.trim() === '' ? 'auto' : s.trim()))
    .pipe(z.union([z.enum(['auto', 'real', 'scripted']), z.url({ protocol: /^https?$/ })])),
  AXIOM_DEMO: boolFromEnv(false),
  AXIOM_PTY_HOST: z
    .string()
    .optional()
    .transform((s) => (s === undefined || s.trim() === '' ? DEFAULTS.ptyHost : s.trim()))
    .pipe(z.enum(['process', 'inline'])),
  AXIOM_KEEP_AGENTS: boolFromEnv(DEFAULTS.keepAgents),
});

/** Whether a graceful stop leaves the agents running for the next console: only with
 * AXIOM_KEEP_AGENTS=1 and a separate pty host (inline sessions die with the process). */
export function agentsOutliveStop(config: Pick<ConsoleConfig, 'ptyHost' | 'keepAgents'>): boolean {
  return config.ptyHost === 'process' && config.keepAgents;
}

/** True for 127.0.0.0/8, ::1 (and its v4-mapped form) and "localhost". */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h.startsWith('::ffff:127.');
  return false;
}

export interface ParseConfigOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Flags after the script name. Only `--dev` is ours; others (`--no-build`, read by
   * scripts/start.mjs) are ignored. */
  argv: readonly string[];
  /** For tests: where "~" is. */
  homeDir?: string;
}

/** Throws ConfigError (exit code 2) on invalid values or an unsafe combination. */
export function parseConfig(options: ParseConfigOptions): ConsoleConfig {
  const parsed = envSchema.safeParse(options.env);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`)
      .join('; ');
    throw new ConfigError(`invalid configuration: ${detail}`);
  }
  const env = parsed.data;
  if (!isLoopbackHost(env.HOST) && env.AXIOM_TOKEN === undefined) {
    throw new ConfigError(
      `refusing to listen on non-loopback HOST=${env.HOST} without an explicit AXIOM_TOKEN: ` +
        'a generated token printed to a terminal is not enough protection for a network-facing ' +
        'console that runs commands. Set AXIOM_TOKEN, or use HOST=127.0.0.1.',
    );
  }
  const dataDir = resolveDataDir(env.AXIOM_DATA_DIR, options.homeDir ?? homedir());
  const config: ConsoleConfig = {
    host: env.HOST,
    port: env.PORT,
    token: env.AXIOM_TOKEN ?? randomBytes(DEFAULTS.generatedTokenBytes).toString('hex'),
    tokenSource: env.AXIOM_TOKEN === undefined ? 'generated' : 'env',
    dataDir,
    maxSessions: env.AXIOM_MAX_SESSIONS,
    killGraceMs: env.AXIOM_KILL_GRACE_MS,
    recordingMaxBytes: env.AXIOM_RECORDING_MAX_BYTES,
    retentionDays: env.AXIOM_RETENTION_DAYS,
    recordingsTotalMaxBytes: env.AXIOM_RECORDINGS_MAX_TOTAL_BYTES,
    allowedOrigins: Object.freeze([...env.AXIOM_ALLOWED_ORIGINS]),
    allowedHosts: Object.freeze([...env.AXIOM_ALLOWED_HOSTS]),
    demo: env.AXIOM_DEMO,
    dev: options.argv.includes('--dev'),
    maxRunningTasks: env.AXIOM_MAX_RUNNING,
    ptyHost: env.AXIOM_PTY_HOST,
    keepAgents: env.AXIOM_KEEP_AGENTS,
    agentModel:
      env.AXIOM_AGENT_MODEL === 'auto' || env.AXIOM_AGENT_MODEL === 'real' || env.AXIOM_AGENT_MODEL === 'scripted'
        ? env.AXIOM_AGENT_MODEL
        : { url: env.AXIOM_AGENT_MODEL },
  };
  return Object.freeze(config);
}
