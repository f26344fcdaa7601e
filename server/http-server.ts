import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { err } from '../protocol/result';
import { agentsOutliveStop, type ConsoleConfig } from './config';
import { removeConsoleFile, writeConsoleFile } from './console-file';
import { createStderrLogger, type Logger } from './logger';
import { buildAllowLists } from './security/allow-lists';
import type { SecurityPolicy } from './security/request-guard';
import { resolveAgentModel, type AgentModel } from './agents/agent-model';
import { TaskService } from './tasks/task-service';
import { PANE_SIZE_FILE, PaneSizeHint } from './tasks/pane-size-hint';
import type { SessionHost } from './sessions/session-host';
import { sendResult } from './transport/http-io';
import { startNextApp, type NextApp } from './transport/next-app';
import { createOversight } from './steering/oversight-setup';
import { createRestApi } from './transport/rest-api';
import { attachSocketApi } from './transport/socket-api';
import { createSocketServer } from './transport/socket-server';
import { createHttpDispatch } from './transport/http-dispatch';
import { applyKeepAlive, closerFor, displayHost, listen } from './transport/http-listen';
import { bridgeSessionsToStore } from './store/session-recorder-bridge';
import { openStore } from './store/store';
import type { Store } from './store/store-types';
import { createHistoryApi } from './transport/history-api';
import { AgentTokens } from './mcp/agent-tokens';
import { createMcpEndpoint, MCP_PATH } from './mcp/mcp-endpoint';
import { createConsoleMetrics } from './metrics/console-metrics';
import { rehydrateTasks } from './pty-host/rehydrate-tasks';
import { startRetention } from './store/retention';
import { createSessionLayer } from './pty-host/session-layer';
import { InputArbiter } from './tasks/input-arbiter';

/**
 * The composition root: one HTTP server carrying the REST API, socket.io and (optionally)
 * the Next.js dashboard, and every service behind them. Where each request goes:
 * transport/http-dispatch.ts; socket.io has its own handshake guard.
 */

export interface StartConsoleOptions {
  config: ConsoleConfig;
  /** Serve the dashboard through Next.js. false: API and socket.io only (tests, bench). */
  next?: boolean;
  log?: Logger;
  /** Print the `Axiom Console: <url>` line on stdout (default true). */
  printUrl?: boolean;
  /** Runs once listening; main.ts starts the demo sessions here. Failures are logged. */
  onStarted?: (started: StartedContext) => Promise<void>;
}

export interface StartedContext {
  host: SessionHost;
  /** True when the pty host was already running: its sessions are the last console's. */
  resumed: boolean;
  /** The durable record (sessions, tasks, events ledger); closed last at shutdown. */
  store: Store;
  tasks: TaskService;
  agentModel: AgentModel;
  config: ConsoleConfig;
  url: string;
  log: Logger;
}

export interface RunningConsole {
  /** The browser URL, with the token: `http://127.0.0.1:<port>/?token=<token>`. */
  url: string;
  /** Origin of the console (no token), for API clients: `http://127.0.0.1:<port>`. */
  origin: string;
  port: number;
  token: string;
  host: SessionHost;
  /** The durable record (sessions, tasks, events ledger); closed last at shutdown. */
  store: Store;
  tasks: TaskService;
  /** Pid of the process that owns the PTYs (the pty host, or this process when inline). */
  ptyHostPid(): number | null;
  /** Stop accepting, close sockets, stop every session (or leave them in the pty host with
   * AXIOM_KEEP_AGENTS=1), close Next, remove console.json. */
  close(): Promise<void>;
}

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function startConsole(options: StartConsoleOptions): Promise<RunningConsole> {
  const { config } = options;
  const log = options.log ?? createStderrLogger();
  const startedAtMs = Date.now();
  // The durable record and the recorder come first and go last: every service writes to them.
  const store = openStore({ dataDir: config.dataDir });
  // The session layer: the PTYs in the pty host (or inline), the recorder beside them.
  // Sockets that attached through a lost connection to a live pty host attach again.
  let reattachViewers = (): void => undefined;
  const layer = await createSessionLayer({ config, log, onReattached: () => reattachViewers() }).catch((error: unknown) => {
    store.close();
    throw error;
  });
  const { host } = layer;
  const stopStoreBridge = bridgeSessionsToStore({ host, store, log });
  const history = createHistoryApi({ store, recordingsDir: layer.recordingsDir, flushRecording: layer.flushRecording, log });
  const agentModel = await resolveAgentModel(config.agentModel, { homeDir: homedir(), env: process.env });
  log.log('info', `agents: Claude Code talks to ${agentModel.describe()}`);
  let consoleOrigin = '';
  // Each task's agent gets its own MCP token: its axiom_spawn calls make its children.
  const agentTokens = new AgentTokens();
  // A person typing in a pane (or holding a claim) holds back prompts typed for agents.
  const arbiter = new InputArbiter();
  // New agents start at the size the browsers give task panes (pane-size-hint.ts).
  const paneSize: PaneSizeHint = new PaneSizeHint((id): boolean => tasks.taskOfSession(id) !== null, join(config.dataDir, PANE_SIZE_FILE));
  const tasks = new TaskService({
    paneSize: () => paneSize.current(),
    heldMs: (sessionId) => arbiter.heldMs(sessionId),
    mcp: (id) => ({ url: `${consoleOrigin}${MCP_PATH}`, token: agentTokens.issue(id) }),
    adoptMcpToken: (id, token) => {
      if (!agentTokens.adopt(id, token)) log.log('warn', `task ${id}: its mcp.json holds no token of ours; its MCP calls will be refused`);
    },
    host,
    dataDir: config.dataDir,
    origin: () => consoleOrigin,
    model: () => agentModel.current(),
    log,
    scheduler: { maxRunning: config.maxRunningTasks },
    // Every task change and event goes to the durable record.
    ledger: store,
  });
  const { steering, oversight, dispose: disposeOversight } = createOversight({ tasks, host, dataDir: config.dataDir, log, ledger: store });
  const rest = createRestApi({ host, log, version: readVersion(), startedAtMs, tasks, steering: { service: steering, proofs: oversight } });
  // Read at scrape time only, after both exist.
  const metrics = createConsoleMetrics({ tasks, host, steering, mcpSessions: () => mcp.sessionCount() });
  const mcp = createMcpEndpoint({ tasks, host, steering, agentTokens, log, version: readVersion(), onSpawned: (ms) => metrics.observeMcpSpawn(ms) });

  // The allow-lists name the bound port, which is known only after listen (PORT=0).
  let policy: SecurityPolicy | undefined;
  const currentPolicy = (): SecurityPolicy => {
    if (policy === undefined) throw new Error('security policy read before listen');
    return policy;
  };
  let nextApp: NextApp | undefined;
  let nextReady: Promise<NextApp> | undefined;

  const dispatch = createHttpDispatch({
    policy: currentPolicy,
    tasks,
    mcp,
    metrics,
    history,
    rest,
    next: () => ({ ready: nextReady, app: nextApp }),
  });
  const server = createServer((req, res) => {
    dispatch.handleRequest(req, res).catch((error: unknown) => {
      log.log('error', `request ${req.method ?? '?'} ${req.url ?? '?'} failed`, error);
      sendResult(res, err('failed:internal', 'internal error'));
    });
  });
  applyKeepAlive(server);
  server.on('upgrade', (req, socket, head) => dispatch.handleUpgrade(req, socket, head));
  const closeServer = closerFor(server);

  const io = createSocketServer({ httpServer: server, policy: currentPolicy, log });
  const stopRouting = attachSocketApi({
    io,
    host: arbiter.watch(host),
    log,
    tasks,
    steering: { service: steering, proofs: oversight },
    arbiter,
    onPaneFitted: (id, cols, rows) => paneSize.fitted(id, cols, rows),
  });
  // Prompts held for a person go in as soon as the person lets go of the pane.
  arbiter.onChange((hold) => {
    if (hold.reason === null) tasks.paneFreed(hold.id);
  });
  reattachViewers = () => void io.disconnectSockets();
  // What the pty host did while no console was connected reaches the record; then the
  // tasks of the last console are adopted or ended (no ghost "running" tasks).
  layer.announceSessions();
  rehydrateTasks({ store, tasks, sessions: layer.sessionsAtStart, log });
  // After adoption, so the sweep sees which tasks live on.
  const retention = startRetention({
    store,
    recordingsDir: layer.recordingsDir,
    host,
    policy: { retentionDays: config.retentionDays, maxRecordingBytes: config.recordingsTotalMaxBytes },
    log,
  });
  retention.sweep().catch((error: unknown) => log.log('warn', 'retention sweep failed', error));

  const port = await listen(server, config.host, config.port);
  policy = {
    token: config.token,
    isAgentToken: (bearer) => agentTokens.has(bearer),
    lists: buildAllowLists({
      port,
      host: config.host,
      allowedHosts: config.allowedHosts,
      allowedOrigins: config.allowedOrigins,
    }),
  };
  const origin = `http://${displayHost(config.host)}:${port}`;
  consoleOrigin = origin;
  const url = `${origin}/?token=${encodeURIComponent(config.token)}`;

  // One shutdown routine, in reverse order of construction; safe to call twice.
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      stopRouting();
      retention.stop();
      await mcp.close();
      metrics.dispose();
      // Stop accepting; socket.io closes its clients gracefully; whatever is left after a
      // grace time (Next's HMR sockets, a half-open keep-alive) is destroyed.
      await closeServer(() => io.close());
      paneSize.flush();
      disposeOversight();
      await tasks.dispose({ agentsStop: !agentsOutliveStop(config) });
      await layer.close();
      stopStoreBridge();
      await agentModel.close();
      await nextApp?.close();
      removeConsoleFile(config.dataDir, process.pid);
      store.close();
    })();
    return closing;
  };

  try {
    if (options.next !== false) {
      nextReady = startNextApp({ dev: config.dev, dir: PROJECT_ROOT, hostname: displayHost(config.host), port });
      nextApp = await nextReady;
    }
    writeConsoleFile(config.dataDir, { url, token: config.token, pid: process.pid, port });
  } catch (error) {
    await close();
    throw error;
  }
  if (options.printUrl !== false) process.stdout.write(`Axiom Console: ${url}\n`);

  if (options.onStarted !== undefined) {
    options.onStarted({ host, resumed: layer.adopted, store, tasks, agentModel, config, url, log }).catch((error: unknown) => log.log('error', 'onStarted failed', error));
  }
  return { url, origin, port, token: config.token, host, store, tasks, ptyHostPid: () => layer.hostPid(), close };
}

function readVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(`${PROJECT_ROOT}package.json`, 'utf8'));
  if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') {
    return pkg.version;
  }
  return '0.0.0';
}
