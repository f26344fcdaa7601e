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
  const { stats, logError } = deps;
  const exited = <T>(id: SessionId): Result<T> => err('refused:session-exited', `session ${id} has exited`);
  /** Runs `fn` on the session, or answers not_found. */
  const withSession = async <T>(id: SessionId, fn: (s: Session) => Result<T> | Promise<Result<T>>): Promise<Result<T>> => {
    const s = deps.find(id);
    return s ? fn(s) : err('not_found:session', `no session ${id}`);
  };
  return {
    create: async (r) => deps.create(r.input),
    list: async () => ok([...deps.all()].map((s) => s.info())),
    get: (r) => withSession(r.id, (s) => ok(s.info())),
    screen: (r) => withSession(r.id, async (s) => ok(await s.screen())),
    input: (r) =>
      withSession(r.id, (s) => {
        if (Buffer.byteLength(r.data) > LIMITS.maxInputBytes) return err('too_large:payload', 'input too large');
        return s.input(r.data) ? ok(null) : exited(r.id);
      }),
    inject: (r) =>
      withSession(r.id, async (s) => {
        if (Buffer.byteLength(r.text) > LIMITS.maxInputBytes) return err('too_large:payload', 'text too large');
        return (await s.inject(r.text, r.submit)) ? ok(null) : exited(r.id);
      }),
    interrupt: (r) =>
      withSession(r.id, (s) => {
        const key = s.interrupt();
        return key ? ok({ key }) : exited(r.id);
      }),
    resize: (r) =>
      withSession(r.id, (s) => (validSize(r.cols, r.rows) ? ok(s.resize(r.cols, r.rows)) : err('invalid:payload', 'size out of range'))),
    kill: (r) => withSession(r.id, async (s) => ok(await s.kill())),
    restart: (r) =>
      withSession(r.id, async (s) => {
        if (!s.isLive && stats().active >= stats().limit) {
          return err('refused:session-limit', `at most ${stats().limit} live sessions`);
        }
        try {
          return ok(await s.restart());
        } catch (e) {
          logError(`restart of ${r.id} failed`, e);
          return err('failed:spawn', `could not restart: ${e instanceof Error ? e.message : String(e)}`);
        }
      }),
    remove: (r) =>
      withSession(r.id, async (s) => {
        await deps.drop(s);
        return ok(null);
      }),
    attach: (r) => withSession(r.id, (s) => ok(s.attach(r.viewerId, r.fromSeq))),
    detach: (r) =>
      withSession(r.id, (s) => {
        s.detach(r.viewerId);
        return ok(null);
      }),
    'drop-viewer': async (r) => {
      for (const s of deps.all()) s.detach(r.viewerId);
      return ok(null);
    },
    ack: (r) =>
      withSession(r.id, (s) => {
        s.ack(r.viewerId, r.seq);
        return ok(null);
      }),
    priority: (r) =>
      withSession(r.id, (s) => {
        s.setViewerPriority(r.viewerId, r.priority);
        return ok(null);
      }),
    stats: async () => ok(stats()),
  };
}

function validSize(cols: number, rows: number): boolean {
  return (
    Number.isInteger(cols) && Number.isInteger(rows) &&
    cols >= LIMITS.minCols && cols <= LIMITS.maxCols && rows >= LIMITS.minRows && rows <= LIMITS.maxRows
  );
}
