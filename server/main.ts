import { agentsOutliveStop, ConfigError, parseConfig, type ConsoleConfig } from './config';
import { startDemoSessions } from './demo/demo-sessions';
import { startDemoTasks } from './demo/demo-tasks';
import { onlyTheDemoSoFar } from './demo/demo-gate';
import { startConsole } from './http-server';
import { createStderrLogger } from './logger';
import { dropBrokenOutput, stopOnSignals } from './process-lifecycle';

/**
 * The composition root: parse config, start the console (HTTP + socket.io + Next + the
 * session layer, in the pty host process by default), hook the demo, and one shutdown
 * routine for SIGINT/SIGTERM/SIGHUP (process-lifecycle.ts). No logic.
 */
const EXIT_CRASH = 1;

async function main(): Promise<void> {
  dropBrokenOutput();
  const log = createStderrLogger();
  let config: ConsoleConfig;
  try {
    config = parseConfig({ env: process.env, argv: process.argv.slice(2) });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Axiom Console: ${error.message}\n`);
      process.exit(error.exitCode);
    }
    throw error;
  }

  const running = await startConsole({
    config,
    next: true,
    log,
    ...(config.demo
      ? {
          onStarted: async ({ host, resumed, tasks, agentModel, store }) => {
            // The last console's agents are still there (pty host): no second demo set.
            if (resumed) return;
            if (!onlyTheDemoSoFar({ tasks: store.listTasks(), sessions: store.listSessions() })) {
              log.log('info', 'demo: not started, this console has work of your own (a fresh AXIOM_DATA_DIR shows it again)');
              return;
            }
            await startDemoSessions({ host, dataDir: config.dataDir, log });
            await startDemoTasks({ tasks, agentModel, log });
          },
        }
      : {}),
  });

  // Stop accepting, close the sockets, stop the tasks' monitors, then either end every
  // agent (SIGHUP, SIGKILL after AXIOM_KILL_GRACE_MS) or, with AXIOM_KEEP_AGENTS=1, leave
  // them in the pty host for the next console; the store is closed (checkpointed) last.
  const agents = agentsOutliveStop(config) ? 'left running in the pty host' : 'stopped';
  stopOnSignals({ log, close: () => running.close(), describe: (signal) => `${signal}: shutting down (agents ${agents})` });
}

main().catch((error: unknown) => {
  process.stderr.write(`Axiom Console failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof Error && error.stack !== undefined) process.stderr.write(`${error.stack}\n`);
  process.exit(EXIT_CRASH);
});
