import { parseConfig } from '../../config';
import { startConsole } from '../../http-server';
import { quietLogger } from '../../logger';
import { dropBrokenOutput, stopOnSignals } from '../../process-lifecycle';

/**
 * For fault tests and the restart bench: the console (without the dashboard) in a process
 * of its own, so it can be killed with real signals. Config from the environment as in
 * `npm start`; SIGTERM/SIGINT/SIGHUP run the same shutdown as server/main.ts.
 */
dropBrokenOutput();
const running = await startConsole({ config: parseConfig({ env: process.env, argv: [] }), next: false, log: quietLogger });
stopOnSignals({ log: quietLogger, close: () => running.close() });
