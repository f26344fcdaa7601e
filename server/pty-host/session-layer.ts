import type { SessionId } from '../../protocol/ids';
import type { SessionInfo } from '../../protocol/session';
import type { ConsoleConfig } from '../config';
import type { Logger } from '../logger';
import { TERMINAL_ENV } from '../pty/child-env';
import { createRecorder, recordingsDir } from '../recording/recorder';
import { createInProcessSessionHost } from '../sessions/in-process-host';
import type { SessionHost } from '../sessions/session-host';
import { DEFAULT_IDLE_EXIT_MS } from './host-settings';
import { RemoteSessionHost } from './remote-session-host';

/**
 * The session layer as the web server sees it, whichever process owns the PTYs:
 * - 'process' (default): the detached pty host (remote-session-host.ts). The recorder
 *   runs there, beside the PTYs, so output printed while no web server is connected is
 *   still recorded; the web server only asks it to flush before serving a file.
 * - 'inline': the session layer and the recorder in this process (tests, debugging);
 *   they stop with it.
 */
export interface SessionLayer {
  host: SessionHost;
  /** Where recordings are (undefined when recording is off). */
  recordingsDir: string | undefined;
  flushRecording: ((id: SessionId) => Promise<void>) | undefined;
  /** True when a live pty host was found at start: its sessions are from a previous console. */
  adopted: boolean;
  /** The host's sessions at start (empty for a fresh or inline host). */
  sessionsAtStart: SessionInfo[];
  /** Reports the host's sessions to the listeners wired since (store bridge, sockets). */
  announceSessions(): void;
  /** Pid of the process that owns the PTYs. */
  hostPid(): number | null;
  /** The host first (sessions stopped, or left running with keepAgents), then the recorder. */
  close(): Promise<void>;
}

export interface SessionLayerOptions {
  config: ConsoleConfig;
  log: Logger;
  /** The connection to a live host was made again (its viewers were dropped). */
  onReattached?: () => void;
}

export async function createSessionLayer({ config, log, onReattached }: SessionLayerOptions): Promise<SessionLayer> {
  const recordings = config.recordingMaxBytes > 0 ? recordingsDir(config.dataDir) : undefined;
  if (config.ptyHost === 'process') {
    const remote = await RemoteSessionHost.start({
      settings: {
        dataDir: config.dataDir,
        maxSessions: config.maxSessions,
        killGraceMs: config.killGraceMs,
        recordingMaxBytes: config.recordingMaxBytes,
        idleExitMs: DEFAULT_IDLE_EXIT_MS,
      },
      log,
      stopAgentsOnDispose: !config.keepAgents,
      ...(onReattached === undefined ? {} : { onReattached }),
    });
    const sessionsAtStart = remote.adopted ? remote.knownSessions() : [];
    if (remote.adopted) log.log('info', `pty host ${remote.hostPid ?? '?'} was running: ${sessionsAtStart.length} sessions reattached`);
    return {
      host: remote,
      recordingsDir: recordings,
      flushRecording: recordings === undefined ? undefined : (id) => remote.flushRecording(id),
      adopted: remote.adopted,
      sessionsAtStart,
      announceSessions: () => remote.announceSessions(),
      hostPid: () => remote.hostPid ?? null,
      close: () => remote.dispose(),
    };
  }
  const recorder = recordings === undefined ? undefined : createRecorder({
    dir: recordings,
    maxBytes: config.recordingMaxBytes,
    term: TERMINAL_ENV.TERM,
    shell: process.env.SHELL,
    logError: (message, detail) => log.log('error', message, detail),
  });
  const host = createInProcessSessionHost({
    maxSessions: config.maxSessions,
    killGraceMs: config.killGraceMs,
    tap: recorder,
    logger: { error: (message, ...detail) => log.log('error', message, detail.length > 0 ? detail : undefined) },
  });
  return {
    host,
    recordingsDir: recordings,
    flushRecording: recorder?.flush,
    adopted: false,
    sessionsAtStart: [],
    announceSessions: () => undefined,
    hostPid: () => process.pid,
    close: async () => {
      await host.dispose();
      await recorder?.close();
    },
  };
}
