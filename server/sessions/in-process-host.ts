import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { SessionId } from '../../protocol/ids';
import { err, ok, type Result } from '../../protocol/result';
import type { CreateSessionRequest } from '../../protocol/session';
import { buildChildEnv } from '../pty/child-env';
import { defaultInterruptKey } from './input-encoding';
import { buildHostHandlers, type HostHandlers } from './host-request-handlers';
import { MirrorWorkerClient } from './mirror-worker-client';
import { Session } from './session';
import type { StreamState } from './session-output';
import { DEFAULT_SESSION_LIMITS, validateLimits, type SessionLimits } from './session-options';
import type { HostEvent, HostReplies, HostReply, HostRequest, HostStats, SessionHost } from './session-host';
import type { SessionTap } from './session-tap';
import { checkSpawnable } from './spawn-check';

/** Exited sessions kept for their final screens (each holds its mirror and, once its
 * viewers have caught up, no replay ring: see exit-ring-release.ts). */
export const MAX_EXITED_SESSIONS = 64;
/** Default cap on live sessions: each holds a process, a mirror and up to replayBytes of
 * ring; 64 is far above what one person watches and keeps a runaway script from forking
 * the machine to death. */
const DEFAULT_MAX_SESSIONS = 64;

export interface HostLogger {
  error(message: string, ...detail: unknown[]): void;
}

export interface InProcessSessionHostOptions extends Partial<SessionLimits> {
  maxSessions?: number;
  /** Working directory when a create request gives none. Default: process.cwd(). */
  defaultCwd?: string;
  logger?: HostLogger;
  now?: () => number;
  /** Sees every session's output stream (the recorder). The host does not own it: whoever
   * passed it disposes it, after the host. */
  tap?: SessionTap;
}

/** The in-process host: the SessionHost messages, plus read-only stream counters for
 * benches and tests (not part of the message interface). */
export interface InProcessSessionHost extends SessionHost {
  streamState(id: SessionId): StreamState | undefined;
}

/** The one entry point for the composition root: the session layer, in this process. */
export function createInProcessSessionHost(options: InProcessSessionHostOptions = {}): InProcessSessionHost {
  return new InProcessHost(options);
}

class InProcessHost implements InProcessSessionHost {
  private readonly sessions = new Map<SessionId, Session>();
  private readonly listeners = new Set<(event: HostEvent) => void>();
  private readonly limits: SessionLimits;
  private readonly maxSessions: number;
  private readonly logger: HostLogger;
  private readonly now: () => number;
  private readonly handlers: HostHandlers;
  /** One worker parses the terminals of all sessions (ADR 0004). */
  private readonly mirrorWorker: MirrorWorkerClient;

  constructor(private readonly options: InProcessSessionHostOptions) {
    const { maxSessions, defaultCwd: _defaultCwd, logger, now, tap: _tap, ...limitOverrides } = options;
    this.limits = { ...DEFAULT_SESSION_LIMITS, ...definedOnly(limitOverrides) };
    validateLimits(this.limits);
    this.maxSessions = maxSessions ?? DEFAULT_MAX_SESSIONS;
    this.logger = logger ?? console;
    this.now = now ?? Date.now;
    this.handlers = buildHostHandlers({
      find: (id) => this.sessions.get(id),
      all: () => this.sessions.values(),
      create: (input) => this.create(input),
      drop: (session) => this.drop(session),
      stats: () => this.stats(),
      logError: (message, e) => this.logger.error(`session host: ${message}`, e),
    });
    this.mirrorWorker = new MirrorWorkerClient({
      logError: (message, detail) => this.logger.error(`session host: ${message}`, ...(detail === undefined ? [] : [detail])),
    });
    this.mirrorWorker.start();
  }

  async request<R extends HostRequest>(req: R): Promise<Result<HostReply<R>>> {
    const handler = this.handlers[req.type] as ((r: R) => Promise<Result<HostReply<R>>>) | undefined;
    // A request this host does not know: from a newer console talking to a pty host that
    // outlived an upgrade (hosts are long-lived), or a corrupt message.
    if (handler === undefined) return err('invalid:payload', `unknown request ${String(req.type)}`);
    try {
      return await handler(req);
    } catch (e) {
      this.logger.error(`session host: ${req.type} failed`, e);
      return err('failed:internal', `${req.type} failed`);
    }
  }

  send(req: HostRequest): void {
    // request() never rejects: a handler's throw becomes a logged failed:internal.
    void this.request(req);
  }

  streamState(id: SessionId): StreamState | undefined {
    return this.sessions.get(id)?.streamState();
  }

  onEvent(listener: (event: HostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async dispose(): Promise<void> {
    const all = [...this.sessions.values()];
    await Promise.all(
      all.map(async (s) => {
        try {
          await s.kill();
        } catch (e) {
          this.logger.error(`session host: dispose could not kill ${s.id}`, e);
        }
        s.dispose();
      }),
    );
    this.sessions.clear();
    await this.mirrorWorker.dispose();
  }

  private emit = (event: HostEvent): void => {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (e) {
        this.logger.error(`session host: listener failed on ${event.type}`, e);
      }
    }
  };

  private stats(): HostStats {
    let active = 0;
    for (const s of this.sessions.values()) if (s.isLive) active += 1;
    return { active, total: this.sessions.size, limit: this.maxSessions };
  }

  private create(input: CreateSessionRequest): Result<HostReplies['create']> {
    if (this.stats().active >= this.maxSessions) {
      return err('refused:session-limit', `at most ${this.maxSessions} live sessions`);
    }
    const cwd = path.resolve(input.cwd ?? this.options.defaultCwd ?? process.cwd());
    const childPath = buildChildEnv({ base: process.env, user: input.env }).PATH;
    const problem = checkSpawnable({ command: input.command, cwd, pathVar: childPath });
    if (problem) return err('failed:spawn', problem);
    const id = newSessionId();
    let session: Session;
    try {
      session = new Session({
        id,
        request: { ...input, cwd, interruptKey: input.interruptKey ?? defaultInterruptKey(input.command) },
        limits: this.limits,
        mirrorWorker: this.mirrorWorker,
        emit: (event) => this.emit(event),
        tap: this.options.tap,
        now: this.now,
        logError: (message, detail) => this.logger.error(`session ${id}: ${message}`, detail),
      });
    } catch (e) {
      this.logger.error(`session host: spawn of ${input.command} failed`, e);
      return err('failed:spawn', `could not start ${input.command}: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.sessions.set(id, session);
    this.forgetOldExited();
    return ok(session.info());
  }

  /**
   * Exited sessions stay (their final screen and recording) until removed; past
   * MAX_EXITED_SESSIONS the oldest are dropped as a remove would, so a long-running
   * console's memory (and its process table) stays bounded. Their recordings and history
   * stay on disk.
   */
  private forgetOldExited(): void {
    const exited = [...this.sessions.values()].filter((x) => !x.isLive).map((x) => x.info());
    if (exited.length <= MAX_EXITED_SESSIONS) return;
    exited.sort((a, b) => (a.exitedAt ?? 0) - (b.exitedAt ?? 0));
    for (const info of exited.slice(0, exited.length - MAX_EXITED_SESSIONS)) {
      const s = this.sessions.get(info.id);
      if (s) void this.drop(s).catch((e: unknown) => this.logger.error(`session host: dropping ${info.id} failed`, e));
    }
  }

  /**
   * The one way a session leaves the host (remove, and the exited cap): out of the map at
   * once (no request finds it half torn down, and the cap counts it gone), then its whole
   * process tree killed (an exited process can leave stragglers in its session), then its
   * batcher, viewers, mirror and recording released, then `session:removed`.
   */
  private async drop(s: Session): Promise<void> {
    if (this.sessions.get(s.id) !== s) return;
    this.sessions.delete(s.id);
    try {
      await s.kill();
    } finally {
      s.dispose();
      this.emit({ type: 'session:removed', id: s.id });
    }
  }
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The server's generator of session ids (the one place besides parseSessionId that makes one). */
function newSessionId(): SessionId {
  const bytes = randomBytes(12);
  let s = 's-';
  for (const b of bytes) s += ID_ALPHABET[b % ID_ALPHABET.length];
  return s as SessionId;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
