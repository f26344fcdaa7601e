// A simulated coding agent for the demo: prints a colourful, plausible work log forever,
// one line every 400-800 ms. Plain ESM, run with process.execPath; no dependencies.
const MIN_DELAY_MS = 400;
const MAX_DELAY_MS = 800;

const c = {
  dim: (s) => `\x1b[2m${s}\x1b[0m`,
  bold: (s) => `\x1b[1m${s}\x1b[0m`,
  green: (s) => `\x1b[32m${s}\x1b[0m`,
  yellow: (s) => `\x1b[33m${s}\x1b[0m`,
  blue: (s) => `\x1b[34m${s}\x1b[0m`,
  magenta: (s) => `\x1b[35m${s}\x1b[0m`,
  cyan: (s) => `\x1b[36m${s}\x1b[0m`,
  red: (s) => `\x1b[31m${s}\x1b[0m`,
};

const FILES = ['src/server.ts', 'src/router.ts', 'src/db/pool.ts', 'lib/format.ts', 'test/api.test.ts', 'README.md'];
const THOUGHTS = [
  'The failing test expects a 404 for unknown ids; the handler returns 500.',
  'Pool size is read before config is parsed; moving the read into start().',
  'Two call sites format dates differently; unifying on formatIso().',
  'The retry loop has no backoff; adding an exponential delay capped at 5 s.',
  'This branch is unreachable since the early return above; removing it.',
];
const STEPS = [
  () => `${c.cyan('●')} ${c.bold('Read')} ${pick(FILES)} ${c.dim(`(${rand(40, 400)} lines)`)}`,
  () => `${c.magenta('✻')} ${c.dim('Thinking…')} ${pick(THOUGHTS)}`,
  () => `${c.blue('●')} ${c.bold('Edit')} ${pick(FILES)} ${c.green(`+${rand(1, 30)}`)} ${c.red(`-${rand(0, 12)}`)}`,
  () => `${c.yellow('●')} ${c.bold('Bash')} ${c.dim('$')} npm test -- ${pick(['api', 'router', 'format'])}`,
  () => `  ${c.green('✓')} ${rand(8, 60)} passed ${c.dim(`(${rand(200, 2400)} ms)`)}`,
  () => `  ${c.red('✗')} 1 failed ${c.dim('— expected 404, received 500')}`,
  () => `${c.green('✓')} ${c.bold('Task')} ${pick(['fix 404 handling', 'refactor pool', 'add backoff'])} ${c.dim('done')}`,
];

function rand(min, max) {
  return min + Math.floor(Math.random() * (max - min + 1));
}
function pick(list) {
  return list[rand(0, list.length - 1)];
}
function stamp() {
  return c.dim(new Date().toISOString().slice(11, 19));
}

// The terminal went away (session killed): stop quietly instead of crashing on EPIPE/EIO.
process.stdout.on('error', () => process.exit(0));

process.stdout.write(`${c.bold('agent')} ${c.dim('(simulated — AXIOM_DEMO)')} working in ${process.cwd()}\n\n`);

function tick() {
  process.stdout.write(`${stamp()} ${pick(STEPS)()}\n`);
  setTimeout(tick, rand(MIN_DELAY_MS, MAX_DELAY_MS));
}
tick();
