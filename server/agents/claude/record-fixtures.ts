/**
 * Records what the real Claude Code CLI shows in each state, for the screen rules and the
 * state detector:  npx tsx server/agents/claude/record-fixtures.ts
 * Runs the bundled CLI against the scripted model in a real PTY and writes rendered
 * screens, window titles, one payload per hook event, the outcome of every approval key,
 * and the time to ready, into server/agents/screen-rules/fixtures/claude-<version>/.
 * Re-run it when the CLI version changes and diff the folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startScriptedModel } from '../../../scripted-model/server';
import { createInProcessSessionHost } from '../../sessions/in-process-host';
import { bundledClaudePath, prepareClaudeLaunch } from './claude-launch';
import type { PermissionMode } from './claude-launch-plan';
import { ClaudeRun, isReadyScreen, sleep, startHookReceiver, waitHook, type ReceivedHook } from './testing/claude-harness';

const STABLE_ROOT = '/tmp/claude-fixture';
const WAIT_MS = 30_000;

const claudePath = bundledClaudePath();
if (!claudePath) throw new Error('node_modules/.bin/claude is missing');
const version = /^(\S+)/.exec(execFileSync(claudePath, ['--version']).toString())?.[1] ?? 'unknown';
const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(here, '..', 'screen-rules', 'fixtures', `claude-${version}`);
mkdirSync(outDir, { recursive: true });

const root = mkdtempSync(path.join(os.tmpdir(), 'claude-rec-'));
const host = createInProcessSessionHost({ killGraceMs: 1000 });
const model = await startScriptedModel({ frameDelayMs: 20 });
const receiver = await startHookReceiver();
/** Fixtures must not change with the temp folder or port of a run (the transcript folder
 * name is the cwd with "/" replaced by "-"). */
const stable = (s: string): string =>
  s
    .split(root).join(STABLE_ROOT)
    .split(root.replace(/\//g, '-')).join(STABLE_ROOT.replace(/\//g, '-'))
    .split(model.url.slice('http://'.length)).join('127.0.0.1:PORT');
const titles: Record<string, { atCapture: string; seenSincePrevious: string[] }> = {};
const timings: Record<string, number> = {};

async function launch(name: string, permissionMode: PermissionMode, size = { cols: 100, rows: 30 }): Promise<{ run: ClaudeRun; cwd: string }> {
  const cwd = path.join(root, name, 'work');
  mkdirSync(cwd, { recursive: true });
  const plan = await prepareClaudeLaunch({
    agentDir: path.join(root, name, 'private'),
    cwd,
    hookUrl: receiver.url(name),
    hookSecret: 'recorder',
    permissionMode,
    claudePath: claudePath as string,
    model: { baseUrl: model.url, apiKey: 'sk-ant-api03-fixture-recorder-key' },
  });
  // One retry instead of ten with backoff, so the API error shows within a second.
  const run = await ClaudeRun.start(host, { ...plan, env: { ...plan.env, CLAUDE_CODE_MAX_RETRIES: '1' } }, cwd, size);
  await run.waitReady(WAIT_MS);
  timings[`${name}: spawn to ready screen (ms)`] = Date.now() - run.startedAt;
  return { run, cwd };
}

let titleMark = 0;
/** A pane of this size in accept-edits mode (the demo's): `busy-<name>` a moment into a
 * 3 s think, `idle-<name>` once the turn is over. */
async function thinkThenIdle(name: string, size: { cols: number; rows: number }): Promise<ClaudeRun> {
  const { run } = await launch(name, 'acceptEdits', size);
  await run.submit('think:3');
  await sleep(1500);
  await capture(run, `busy-${name}`);
  await run.waitScreen((s) => /for \d+s/.test(s) && isReadyScreen(s), WAIT_MS);
  await sleep(500);
  await capture(run, `idle-${name}`);
  return run;
}

async function capture(run: ClaudeRun, state: string): Promise<string> {
  const screen = await run.screen();
  writeFileSync(path.join(outDir, `${state}.txt`), `${stable(screen)}\n`);
  titles[state] = { atCapture: run.title, seenSincePrevious: [...new Set(run.titles.slice(titleMark).map((t) => t.title))] };
  titleMark = run.titles.length;
  console.log(`captured ${state}`);
  return screen;
}

try {
  // Session A, default mode: every state once.
  const { run: a } = await launch('states', 'default');
  await capture(a, 'idle');
  await a.input('fix the bug in main.ts');
  await a.waitScreen('❯\u00a0fix the bug', WAIT_MS);
  await capture(a, 'composer-typed');
  await a.input('\x15'); // ctrl+u clears the composer
  await a.waitReady(WAIT_MS);
  await a.submit('hello there');
  await a.waitScreen((s) => s.includes('Hello from the scripted model.') && isReadyScreen(s), WAIT_MS);
  await sleep(500);
  await capture(a, 'after-turn');
  await a.submit('slow');
  await a.waitScreen('Step 010', WAIT_MS);
  await capture(a, 'busy');
  await a.input('\x1b');
  await a.waitScreen((s) => s.includes('Interrupted') && isReadyScreen(s), WAIT_MS);
  await capture(a, 'interrupted');
  await a.submit('write:notes/hello.txt');
  await a.waitScreen('Do you want to create', WAIT_MS);
  const promptShownAt = Date.now();
  await sleep(300);
  await capture(a, 'permission-write');
  // Notification comes only after the prompt has waited a while: measure how long.
  const isNotification = (h: ReceivedHook): boolean => h.body.hook_event_name === 'Notification';
  const notification = await waitHook(receiver, isNotification, WAIT_MS, 'Notification');
  timings['permission prompt on screen to Notification hook (ms)'] = notification.atMs - promptShownAt;
  const request = receiver.hooks.find((h) => h.body.hook_event_name === 'PermissionRequest');
  if (request) timings['permission prompt on screen to PermissionRequest hook (ms)'] = request.atMs - promptShownAt;
  await a.input('1');
  await a.waitScreen((s) => s.includes('Wrote notes/hello.txt.') && isReadyScreen(s), WAIT_MS);
  await a.submit('bash:echo hi > bash-out.txt');
  await a.waitScreen('Do you want to proceed?', WAIT_MS);
  await sleep(300);
  await capture(a, 'permission-bash');
  await a.input('3');
  await a.waitScreen((s) => /User rejected|Interrupted/.test(s.split('bash:echo')[1] ?? '') && isReadyScreen(s), WAIT_MS);
  await capture(a, 'denied');
  await a.submit('fail');
  await a.waitScreen((s) => s.includes('API Error') && isReadyScreen(s), WAIT_MS);
  await capture(a, 'api-error');
  await a.submit('think:3');
  await sleep(1500);
  await capture(a, 'busy-thinking');

  // Session C: a narrow pane (the dashboard's grid gives an agent ~55 columns), in the
  // accept-edits mode the demo uses: the status line is cut to "esc to i…".
  const c = await thinkThenIdle('narrow', { cols: 55, rows: 19 });
  // Session D: a permission prompt in a narrow pane (default mode): the long second
  // choice wraps.
  const { run: d } = await launch('narrow-prompt', 'default', { cols: 55, rows: 19 });
  await d.submit('write:greetings-in-many-languages.md');
  await d.waitScreen('Do you want to create', WAIT_MS);
  await sleep(300);
  await capture(d, 'permission-narrow');
  await d.input('3');
  await d.waitReady(WAIT_MS);

  // Session E: a tiny pane (a tile on a small screen: 45×6, accept edits). The status line
  // is cut before its hint and the spinner line is above the screen: nothing on it tells a
  // running turn from a finished one.
  const { run: e } = await launch('tiny', 'acceptEdits', { cols: 45, rows: 6 });
  await e.submit('think:4');
  await sleep(2000);
  await capture(e, 'busy-tiny');
  await sleep(5000);
  await capture(e, 'idle-tiny');

  // Session F: 51 columns, what two panes side by side get at 1366 px. After the turn the
  // idle hint is cut to "← fo…", before the "for ag" the idle rule first looked for.
  const f = await thinkThenIdle('narrower', { cols: 51, rows: 19 });

  // Session B: what each key does at a permission prompt ("2" last: it switches the mode).
  const { run: b, cwd } = await launch('keys', 'default');
  const keys: Array<{ keys: string; fileCreated: boolean; screenSays: string; footer: string }> = [];
  for (const [i, key] of ['1', '1\r', '\r', '3', '\x1b', '2'].entries()) {
    const file = `key-${i}.txt`;
    await b.waitReady(WAIT_MS);
    await b.submit(`write:${file}`);
    await b.waitScreen(`Do you want to create ${file}?`, WAIT_MS);
    await sleep(300);
    await b.input(key);
    const screen = await b.waitScreen((s) => (s.includes(`Wrote ${file}.`) || s.includes(`User rejected write to ${file}`)) && isReadyScreen(s), WAIT_MS);
    await sleep(500);
    const lines = (await b.screen()).split('\n');
    keys.push({
      keys: JSON.stringify(key),
      fileCreated: existsSync(path.join(cwd, file)),
      screenSays: screen.includes(`Wrote ${file}.`) ? `Wrote ${file}.` : `User rejected write to ${file}`,
      footer: (lines.at(-1) ?? '').trim(),
    });
  }
  writeFileSync(path.join(outDir, 'approval-keys.json'), `${JSON.stringify(keys, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'titles.json'), `${JSON.stringify(titles, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
  await sleep(1500);
  a.dispose();
  b.dispose();
  c.dispose();
  d.dispose();
  f.dispose();
  e.dispose();
} finally {
  await host.dispose();
  // SessionEnd arrives as the CLI exits.
  await sleep(1500);
  const firstOfEach = new Map<string, unknown>();
  for (const h of receiver.hooks) {
    const name = String(h.body.hook_event_name);
    if (!firstOfEach.has(name)) firstOfEach.set(name, h.body);
  }
  writeFileSync(path.join(outDir, 'hooks.jsonl'), [...firstOfEach.values()].map((b) => stable(JSON.stringify(b))).join('\n') + '\n');
  await model.close();
  await receiver.close();
  rmSync(root, { recursive: true, force: true });
}
console.log(`wrote ${outDir}`);
