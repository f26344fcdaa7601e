import type { SessionId } from '../../protocol/ids';
import { err, type Result } from '../../protocol/result';
import type { SessionInfo } from '../../protocol/session';
import type { Logger } from '../logger';
import { killProcessTree } from '../pty/kill-tree';
import type { HostEvent, HostReply, HostRequest, SessionHost } from '../sessions/session-host';
import type { HostConnection } from './host-connection';
import { hostPaths, pidAlive } from './host-files';
import { connectOrLaunch, tryExisting } from './host-launcher';
import type { HostSettings } from './host-settings';

/**
 * The SessionHost of the web server when the PTYs live in the pty host process: every
 * request and event crosses the socket (host-connection.ts), and this class keeps the one
 * thing the web server must know when the host vanishes, the last SessionInfo of each
 * session.
 *
 * Host lost (its connection closed and its process is gone, or it stopped answering):
 * every session it had that was not already exited is reported `exited` with signal
 * SIGKILL (the marker for "lost with the pty host"; recordings stay on disk as written),
 * whatever survived of their process trees is killed (no orphans), and a fresh host is
 * started for new sessions. Tasks end through the usual exited path.
 */
export interface RemoteSessionHostOptions {
  settings: HostSettings;
  log: Logger;
  /** On dispose: end every session (SIGHUP, SIGKILL after the grace time) and stop the
   * host, or leave the host and its agents running for the next console. */
  stopAgentsOnDispose: boolean;
  /** The connection came back to the same host: its viewers were dropped, so whoever
   * holds viewers (socket.io) must make them attach again. */
  onReattached?: () => void;
}

/** Reconnect attempts to a host whose process is still alive, before it is declared hung. */
const RECONNECT = { attempts: 3, delayMs: 200 } as const;
/** After a stop-everything shutdown, how long to wait for the host process to be gone. */
const HOST_EXIT_WAIT_MS = 3000;

export class RemoteSessionHost implements SessionHost {
  private connection: HostConnection | undefined;
  /** While a new connection (or host) is being made: requests wait for it. */
  private connecting: Promise<void> | undefined;
  private readonly sessions = new Map<SessionId, SessionInfo>();
  private readonly listeners = new Set<(event: HostEvent) => void>();
  private disposed = false;

  private constructor(private readonly options: RemoteSessionHostOptions, readonly adopted: boolean) {}

  /** Connects to the data folder's live host (adopted: true) or starts one. */
  static async start(options: RemoteSessionHostOptions): Promise<RemoteSessionHost> {
    let self: RemoteSessionHost | undefined;
    const handlers = {
      onEvent: (event: HostEvent) => self?.received(event),
      onClose: (connection: HostConnection) => self?.connectionClosed(connection),
    };
    const { connection, adopted } = await connectOrLaunch(options.settings, handlers);
    self = new RemoteSessionHost(options, adopted);
    self.connection = connection;
    await self.refreshSessions();
    return self;
  }

  /** Pid of the host process now. */
  get hostPid(): number | undefined {
    return this.connection?.hostPid;
  }

  async request<R extends HostRequest>(req: R): Promise<Result<HostReply<R>>> {
    if (this.connecting !== undefined) await this.connecting;
    const connection = this.connection;
    if (connection === undefined || !connection.isOpen) return err('failed:internal', 'the pty host is not connected');
    return connection.request(req);
  }

  send(req: HostRequest): void {
    const connection = this.connection;
    // While (re)connecting, the request path waits for the host; keystrokes keep their order
    // because they all wait on the same connection promise.
    if (this.connecting !== undefined || connection === undefined || !connection.isOpen) void this.request(req);
    else connection.send(req);
  }

  onEvent(listener: (event: HostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reports every known session as a session:updated to the current listeners: run once
   * the services are wired, so the store and the tasks catch up with what the host did
   * while no console was connected. */
  announceSessions(): void {
    for (const info of this.sessions.values()) this.emit({ type: 'session:updated', info });
  }

  /** The sessions the host has, as last reported. */
  knownSessions(): SessionInfo[] {
    return [...this.sessions.values()];
  }

  async flushRecording(id: SessionId | undefined): Promise<void> {
    const result = await this.connection?.flushRecording(id);
    if (result !== undefined && !result.ok) this.options.log.log('warn', `flush of the recording failed: ${result.error.message}`);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.connecting?.catch(() => undefined);
    const connection = this.connection;
    if (connection === undefined || !connection.isOpen) return;
    if (!this.options.stopAgentsOnDispose) {
      connection.close();
      return;
    }
    const pid = connection.hostPid;
    await connection.shutdown(true);
    connection.close();
    const deadline = Date.now() + HOST_EXIT_WAIT_MS;
    while (pidAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  private emit(event: HostEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.log.log('error', `pty host: listener failed on ${event.type}`, error);
      }
    }
  }

  private received(event: HostEvent): void {
    if (event.type === 'session:updated') this.sessions.set(event.info.id, event.info);
    else if (event.type === 'session:removed') this.sessions.delete(event.id);
    this.emit(event);
  }

  private async refreshSessions(): Promise<void> {
    const list = await this.connection?.request({ type: 'list' });
    if (list === undefined || !list.ok) throw new Error(`pty host: list failed${list === undefined ? '' : `: ${list.error.message}`}`);
    this.sessions.clear();
    for (const info of list.value) this.sessions.set(info.id, info);
  }

  private connectionClosed(old: HostConnection): void {
    // Only the current connection matters: a probe closed during recovery is not news.
    if (this.disposed || old !== this.connection || this.connecting !== undefined) return;
    if (old.replacedBy !== undefined) {
      this.options.log.log('error', `pty host: ${old.replacedBy}; this console no longer serves its sessions`);
      return;
    }
    this.connecting = this.recover(old).finally(() => {
      this.connecting = undefined;
    });
  }

  private async recover(old: HostConnection): Promise<void> {
    const { log } = this.options;
    const handlers = { onEvent: (event: HostEvent) => this.received(event), onClose: (c: HostConnection) => this.connectionClosed(c) };
    const paths = hostPaths(this.options.settings.dataDir);
    for (let i = 0; i < RECONNECT.attempts && pidAlive(old.hostPid); i++) {
      await new Promise((r) => setTimeout(r, RECONNECT.delayMs));
      const again = await tryExisting(paths, handlers);
      if (again !== undefined && again.hostPid === old.hostPid) {
        log.log('warn', 'pty host: connection lost and made again; viewers attach again');
        this.connection = again;
        await this.refreshSessions();
        this.options.onReattached?.();
        return;
      }
      again?.close();
    }
    if (pidAlive(old.hostPid)) {
      log.log('error', `pty host ${old.hostPid} does not answer: killing it`);
      process.kill(old.hostPid, 'SIGKILL');
    }
    log.log('error', `pty host ${old.hostPid} is gone: its sessions are lost`);
    await this.markLost();
    if (this.disposed) return;
    try {
      const { connection } = await connectOrLaunch(this.options.settings, handlers);
      this.connection = connection;
      await this.refreshSessions();
      log.log('info', `pty host: a new host (pid ${connection.hostPid}) serves new sessions`);
    } catch (error) {
      log.log('error', 'pty host: could not start a new host', error);
    }
  }

  /** Reports the lost host's live sessions exited, and kills what is left of their trees. */
  private async markLost(): Promise<void> {
    const now = Date.now();
    const lost = [...this.sessions.values()].filter((s) => s.status !== 'exited');
    this.sessions.clear();
    await Promise.all(
      lost.map(async (info) => {
        if (info.pid !== null) {
          const rootPid = info.pid;
          await killProcessTree({ rootPid, graceMs: 0, rootExited: () => true }).catch((error: unknown) =>
            this.options.log.log('error', `pty host: could not kill what is left of ${info.id}`, error),
          );
        }
        this.emit({ type: 'session:updated', info: { ...info, status: 'exited', exitCode: null, signal: 'SIGKILL', exitedAt: now } });
      }),
    );
  }
}
