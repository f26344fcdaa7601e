import { connect } from 'node:net';
import { rmSync } from 'node:fs';
import { createRecorder, recordingsDir } from '../recording/recorder';
import { TERMINAL_ENV } from '../pty/child-env';
import { createInProcessSessionHost } from '../sessions/in-process-host';
import { ensureHostDirs, hostPaths, removeHostFiles, writePid, writeSecret } from './host-files';
import { dropAddedEnv } from '../process-memory';
import { EXIT_ALREADY_RUNNING } from './host-protocol';
import { serveSessionHost } from './host-server';
import { hostSettingsSchema } from './host-settings';

/**
 * The pty host process: the composition root of the process that owns the PTYs. Started
 * detached (its own session and process group) by the web server, so a web server that
 * crashes or is killed does not take the agents with it (see docs/adr/0009-pty-host.md).
 *
 * It owns the session layer and the recorder: recordings are written here, next to the
 * PTYs, so nothing an agent prints while the web server is down is missing from them.
 * Its settings come as one JSON argument from the web server's parsed config.
 */

/** How often the idle rule is checked: idle exit is about minutes, not milliseconds. */
const IDLE_CHECK_MS = 1000;
/** After the reply to a stop-everything shutdown is written, the time it gets to reach the
 * console before this process exits. */
const EXIT_AFTER_STOP_MS = 100;

const log = (message: string, detail?: unknown): void => {
  const extra = detail === undefined ? '' : ` ${detail instanceof Error ? (detail.stack ?? detail.message) : String(detail)}`;
  process.stderr.write(`${new Date().toISOString()} pty-host[${process.pid}]: ${message}${extra}\n`);
};

async function main(): Promise<void> {
  dropAddedEnv(process.env);
  const settings = hostSettingsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  const paths = hostPaths(settings.dataDir);
  ensureHostDirs(paths);
  if (await socketAnswers(paths.socket)) {
    log('another pty host already serves this data folder: exiting');
    process.exit(EXIT_ALREADY_RUNNING);
  }
  // Nobody answers: a stale socket file from a host that died.
  rmSync(paths.socket, { force: true });
  const secret = writeSecret(paths);

  const recorder = settings.recordingMaxBytes > 0
    ? createRecorder({
        dir: recordingsDir(settings.dataDir),
        maxBytes: settings.recordingMaxBytes,
        term: TERMINAL_ENV.TERM,
        shell: process.env.SHELL,
        logError: (message, detail) => log(message, detail),
      })
    : undefined;
  const host = createInProcessSessionHost({
    maxSessions: settings.maxSessions,
    killGraceMs: settings.killGraceMs,
    tap: recorder,
    logger: { error: (message, ...detail) => log(message, detail.length > 0 ? detail : undefined) },
  });

  let stopping: Promise<void> | undefined;
  const stopAll = (): Promise<void> => {
    stopping ??= (async () => {
      await host.dispose();
      await recorder?.close();
      removeHostFiles(paths, process.pid);
      setTimeout(() => process.exit(0), EXIT_AFTER_STOP_MS);
    })();
    return stopping;
  };

  const server = await serveSessionHost({
    host,
    socketPath: paths.socket,
    secret,
    flushRecording: async (id) => recorder?.flush(id),
    stopAll,
    log,
  });
  // The pid file last: its presence with a live pid means "the socket is up".
  writePid(paths, process.pid);
  log(`serving ${paths.socket}`);

  // Without a console and without live sessions this process has nothing to do: exit, so a
  // console that died for good leaves no host behind once its agents have finished.
  let idleSinceMs = Date.now();
  setInterval(() => {
    void host.request({ type: 'stats' }).then((stats) => {
      const idle = !server.hasClient() && stats.ok && stats.value.active === 0;
      if (!idle) idleSinceMs = Date.now();
      else if (Date.now() - idleSinceMs >= settings.idleExitMs) {
        log('idle (no console, no live session): exiting');
        void server.close().then(stopAll);
      }
    });
  }, IDLE_CHECK_MS).unref();

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(signal, () => {
      log(`${signal}: stopping every session`);
      void server.close().then(stopAll);
    });
  }
}

/** True when something accepts connections on the socket (a live host). */
function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    // ENOENT or ECONNREFUSED: no host listening, which is the answer we asked for.
    socket.once('error', () => resolve(false));
  });
}

main().catch((error: unknown) => {
  log('failed to start', error);
  process.exit(1);
});
