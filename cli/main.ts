import { spawn as spawnChild } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runStdioProxy } from '../server/mcp/stdio-proxy';
import { WEB_V8_FLAGS } from '../server/process-memory';
import { ApiClient } from './api-client';
import { parseArgs, UsageError, type CommandSpec } from './args';
import * as commands from './commands';
import { locateConsole } from './console-locator';
import { CliError, EXIT, type ExitCode } from './exit-codes';
import { tail } from './tail';
import { waitForTask } from './wait';

/**
 * `axiom`: the console from a shell. One REST call per command (tail attaches over socket.io,
 * wait holds a long poll); the console must be running (`axiom start` runs one). `--json`
 * for scripts, exit codes in exit-codes.ts.
 */
const SPECS: Record<string, CommandSpec> = {
  start: { switches: ['no-build'], positionals: [0, 0] },
  spawn: { valued: ['agent', 'parent', 'cwd', 'check', 'name'], positionals: 1 },
  ls: { valued: ['state'], positionals: 0 },
  status: { positionals: 1 },
  tail: { switches: ['once'], positionals: 1 },
  wait: { switches: ['verified'], valued: ['timeout'], positionals: 1 },
  send: { switches: ['now'], positionals: 2 },
  interrupt: { switches: ['subtree'], positionals: 1 },
  approve: { valued: ['choice'], positionals: 1 },
  export: { valued: ['after'], positionals: 0 },
  mcp: { positionals: 0 },
};

const USAGE = `usage: axiom <command> [options]

  start                         run the console here (Ctrl-C stops it)
  spawn "prompt" [--agent claude|shell|… --parent ID --cwd DIR --check CMD --name N]
                                start a task; prints its id
  ls [--state busy,idle]        list tasks
  status ID                     one task in detail
  tail ID [--once]              follow a task's terminal live (--once: the screen now,
                                as plain text when piped)
  wait ID [--timeout S] [--verified]
                                block until the turn ends (or it waits, or exits); with
                                --verified, exit 0 only if the console verified the work
  send ID "text" [--now]        send a prompt (queued until idle; --now types it at once)
  interrupt ID [--subtree]      interrupt the current turn
  approve ID [--choice yes|yes-all|no]
                                answer a permission prompt
  export [--after SEQ]          every recorded event as JSONL
  mcp                           MCP over stdio, proxied to the running console's /mcp

  --json                        machine-readable output
Finds the console through AXIOM_URL + AXIOM_TOKEN, else <AXIOM_DATA_DIR or ~/.axiom-console>/console.json.
Exit codes: 0 ok, 1 error, 2 usage, 3 not found, 4 console unreachable.`;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function run(argv: readonly string[]): Promise<ExitCode> {
  const args = parseArgs(argv, SPECS);
  const print = (text: string): void => void process.stdout.write(`${text}\n`);
  if (args.command === 'help') {
    print(USAGE);
    return EXIT.ok;
  }
  if (args.command === 'start') return start(args.options.has('no-build'));
  const address = locateConsole(process.env);
  if (args.command === 'mcp') {
    await runStdioProxy({ origin: address.origin, token: address.token });
    return EXIT.ok;
  }
  const api = new ApiClient(address);
  const ctx = { api, args, print };
  switch (args.command) {
    case 'spawn':
      await commands.spawn(ctx);
      break;
    case 'ls':
      await commands.ls(ctx);
      break;
    case 'status':
      await commands.status(ctx);
      break;
    case 'send':
      await commands.send(ctx);
      break;
    case 'interrupt':
      await commands.interrupt(ctx);
      break;
    case 'approve':
      await commands.approve(ctx);
      break;
    case 'export':
      await commands.exportEvents(ctx, (chunk) => new Promise((resolve) => (process.stdout.write(chunk) ? resolve() : process.stdout.once('drain', resolve))));
      break;
    case 'wait': {
      const task = await waitForTask({ api, taskId: args.positionals[0] ?? '', timeoutMs: timeoutOption(args.options.get('timeout')), verified: args.options.has('verified') });
      print(args.options.has('json') ? JSON.stringify(task) : `${task.state}${task.verification ? ` · ${task.verification.state}: ${task.verification.reason}` : ''}`);
      break;
    }
    case 'tail':
      await tail({ api, taskId: args.positionals[0] ?? '', once: args.options.has('once'), plain: process.stdout.isTTY !== true, write: (d) => void process.stdout.write(d) });
      break;
    default:
      throw new UsageError(`unknown command "${args.command}"`);
  }
  return EXIT.ok;
}

/** The console in a child process (scripts/start.mjs, as `npm start`), with its exit code. */
function start(noBuild: boolean): Promise<ExitCode> {
  const child = spawnChild(process.execPath, [...WEB_V8_FLAGS, `${ROOT}scripts/start.mjs`, ...(noBuild ? ['--no-build'] : [])], { stdio: 'inherit', cwd: ROOT });
  // Ctrl-C reaches both processes (same process group); a plain `kill` of the CLI must
  // stop the console too.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code === 0 || code === null ? EXIT.ok : EXIT.error)));
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`axiom: ${error.message}\n\n${USAGE}\n`);
      process.exit(EXIT.usage);
    }
    if (error instanceof CliError) {
      process.stderr.write(`axiom: ${error.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(`axiom: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(EXIT.error);
  },
);

/** `--timeout` in seconds (decimals allowed); none: wait as long as it takes. */
function timeoutOption(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout wants a number of seconds, not "${raw}"`);
  return Math.round(seconds * 1000);
}
