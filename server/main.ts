import { ConfigError, parseConfig, type ConsoleConfig } from './config';
import { startDemoSessions } from './demo/demo-sessions';
import { startDemoTasks } from './demo/demo-tasks';
import { startConsole } from './http-server';
import { createStderrLogger } from './logger';

/**
 * The composition root: parse config, start the console (HTTP + socket.io + Next + the
 * session host), hook the demo, and one shutdown routine for SIGINT/SIGTERM. No logic.
 */
const EXIT_CRASH = 1;

async function main(): Promise<void> {
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
          onStarted: async ({ host, tasks, agentModel }) => {
            await startDemoSessions({ host, dataDir: config.dataDir, log });
            await startDemoTasks({ tasks, agentModel, log });
          },
        }
      : {}),
  });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.log('info', `${signal}: shutting down`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.log('error', 'shutdown failed', error);
        process.exit(EXIT_CRASH);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`Axiom Console failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof Error && error.stack !== undefined) process.stderr.write(`${error.stack}\n`);
  process.exit(EXIT_CRASH);
});
