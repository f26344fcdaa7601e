import type { SessionId } from '../../protocol/ids';
import { LIMITS } from '../../protocol/limits';
import { err, ok, type Result } from '../../protocol/result';
import type { CreateSessionRequest } from '../../protocol/session';
import type { Session } from './session';
import type { HostReplies, HostRequest, HostStats } from './session-host';

/** One handler per host request type, each answering with that request's reply. */
export type HostHandlers = {
  [K in HostRequest['type']]: (req: Extract<HostRequest, { type: K }>) => Promise<Result<HostReplies[K]>>;
};

/** What the handlers need of the in-process host. */
export interface HostHandlerDeps {
  find(id: SessionId): Session | undefined;
  all(): Iterable<Session>;
  create(input: CreateSessionRequest): Result<HostReplies['create']>;
  /** Takes a session out of the host, kills its tree and releases it. */
  drop(session: Session): Promise<void>;
  stats(): HostStats;
  logError(message: string, detail: unknown): void;
}

/**
 * The host's request handlers: look the session up, check the request against the
 * limits, call it, and answer with a typed Result (unknown ids, exited sessions and
 * oversized payloads are errors, never throws).
 */
export function buildHostHandlers(deps: HostHandlerDeps): HostHandlers {
    const { find, stats, logError } = deps;
    const notFound = <T>(id: SessionId): Result<T> => err('not_found:session', `no session ${id}`);
    const exited = <T>(id: SessionId): Result<T> => err('refused:session-exited', `session ${id} has exited`);
    return {
      create: async (r) => deps.create(r.input),
      list: async () => ok([...deps.all()].map((s) => s.info())),
      get: async (r) => {
        const s = find(r.id);
        return s ? ok(s.info()) : notFound(r.id);
      },
      screen: async (r) => {
        const s = find(r.id);
        return s ? ok(await s.screen()) : notFound(r.id);
      },
      input: async (r) => {
        const s = find(r.id);
        if (!s) return notFound(r.id);
        if (Buffer.byteLength(r.data) > LIMITS.maxInputBytes) return err('too_large:payload', 'input too large');
        return s.input(r.data) ? ok(null) : exited(r.id);
      },
      inject: async (r) => {
        const s = find(r.id);
        if (!s) return notFound(r.id);
        if (Buffer.byteLength(r.text) > LIMITS.maxInputBytes) return err('too_large:payload', 'text too large');
        return (await s.inject(r.text, r.submit)) ? ok(null) : exited(r.id);
      },
      interrupt: async (r) => {
        const s = find(r.id);
        if (!s) return notFound(r.id);
        const key = s.interrupt();
        return key ? ok({ key }) : exited(r.id);
      },
      resize: async (r) => {
        const s = find(r.id);
        if (!s) return notFound(r.id);
        if (!validSize(r.cols, r.rows)) return err('invalid:payload', 'size out of range');
        return ok(s.resize(r.cols, r.rows));
      },
      kill: async (r) => {
        const s = find(r.id);
        return s ? ok(await s.kill()) : notFound(r.id);
      },
      restart: async (r) => {
        const s = find(r.id);
        if (!s) return notFound(r.id);
        if (!s.isLive && stats().active >= stats().limit) {
          return err('refused:session-limit', `at most ${stats().limit} live sessions`);
        }
        try {
          return ok(await s.restart());
        } catch (e) {
          logError(`restart of ${r.id} failed`, e);
          return err('failed:spawn', `could not restart: ${e instanceof Error ? e.message : String(e)}`);
        }
      },
      remove: async (r) => {
        const s = find(r.id);
        if (!s) return notFound(r.id);
        await deps.drop(s);
        return ok(null);
      },
      attach: async (r) => {
        const s = find(r.id);
        return s ? ok(s.attach(r.viewerId, r.fromSeq)) : notFound(r.id);
      },
      detach: async (r) => {
        const s = find(r.id);
        if (!s) return notFound(r.id);
        s.detach(r.viewerId);
        return ok(null);
      },
      'drop-viewer': async (r) => {
        for (const s of deps.all()) s.detach(r.viewerId);
        return ok(null);
      },
      ack: async (r) => {
        const s = find(r.id);
        if (!s) return notFound(r.id);
        s.ack(r.viewerId, r.seq);
        return ok(null);
      },
      priority: async (r) => {
        const s = find(r.id);
        if (!s) return notFound(r.id);
        s.setViewerPriority(r.viewerId, r.priority);
        return ok(null);
      },
      stats: async () => ok(stats()),
  };
}

function validSize(cols: number, rows: number): boolean {
  return (
    Number.isInteger(cols) && Number.isInteger(rows) &&
    cols >= LIMITS.minCols && cols <= LIMITS.maxCols && rows >= LIMITS.minRows && rows <= LIMITS.maxRows
  );
}
