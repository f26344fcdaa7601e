import { parseConfig } from '../../config';
import { startConsole } from '../../http-server';
import { quietLogger } from '../../logger';

/**
 * For fault tests and the restart bench: the console (without the dashboard) in a process
 * of its own, so it can be killed with real signals. Config from the environment as in
 * `npm start`; SIGTERM/SIGINT run the same shutdown as server/main.ts.
 */
const running = await startConsole({ config: parseConfig({ env: process.env, argv: [] }), next: false, log: quietLogger });
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void running.close().then(() => process.exit(0));
  });
}
