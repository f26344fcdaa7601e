/**
 * The real Claude Code CLI (node_modules/.bin/claude) in a real PTY, against the scripted
 * model, launched by prepareClaudeLaunch: proves the launch plan, the hooks and the key
 * sequences the agent adapter relies on (see screen-rules/fixtures/claude-2.1.197/README.md).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedModel, type ScriptedModel } from '../../../scripted-model/server';
import { DEFAULT_REPLY } from '../../../scripted-model/scenarios';
import { createInProcessSessionHost, type InProcessSessionHost } from '../../sessions/in-process-host';
import { bundledClaudePath, prepareClaudeLaunch } from './claude-launch';
import type { PermissionMode } from './claude-launch-plan';
import { ClaudeRun, startHookReceiver, waitHook, type HookReceiver } from './testing/claude-harness';

const claudePath = bundledClaudePath();
const SECRET = 'hook-secret-for-tests';
/** Longer than 20 characters on purpose: the CLI remembers approved keys by their tail. */
const API_KEY = 'sk-ant-api03-scripted-model-test-key';
/** Cold start of the CLI on a busy 2-core machine; warm starts take ~0.6 s. */
const READY_MS = 20_000;
const TURN_MS = 15_000;

let host: InProcessSessionHost;
let model: ScriptedModel;
let receiver: HookReceiver;
let root: string;
const runs: ClaudeRun[] = [];

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'claude-real-'));
  host = createInProcessSessionHost({ killGraceMs: 1000 });
  model = await startScriptedModel({ frameDelayMs: 5 });
  receiver = await startHookReceiver();
});

afterAll(async () => {
  for (const r of runs) r.dispose();
  await host?.dispose();
  await model?.close();
  await receiver?.close();
  rmSync(root, { recursive: true, force: true });
});

let counter = 0;
async function launchClaude(permissionMode: PermissionMode): Promise<{ run: ClaudeRun; cwd: string; key: string }> {
  counter += 1;
  const key = `agent-${counter}`;
  const cwd = path.join(root, key, 'work');
  mkdirSync(cwd, { recursive: true });
  const launch = await prepareClaudeLaunch({
    agentDir: path.join(root, key, 'private'),
    cwd,
    hookUrl: receiver.url(key),
    hookSecret: SECRET,
    permissionMode,
    claudePath: claudePath as string,
    model: { baseUrl: model.url, apiKey: API_KEY },
  });
  const run = await ClaudeRun.start(host, launch, cwd);
  runs.push(run);
  await run.waitReady(READY_MS);
  return { run, cwd, key };
}

describe.skipIf(claudePath === null)('real Claude Code CLI against the scripted model', () => {
  it('answers a prompt on screen and reports Stop to the hook endpoint with the secret', { timeout: 40_000 }, async () => {
    const { run, key } = await launchClaude('default');
    await run.submit('hello there');
    await run.waitScreen(DEFAULT_REPLY, TURN_MS);
    const stop = await waitHook(receiver, (h) => h.path.endsWith(`/${key}`) && h.body.hook_event_name === 'Stop', TURN_MS, 'Stop');
    expect(stop.secret).toBe(SECRET);
    expect(stop.body).toMatchObject({ last_assistant_message: DEFAULT_REPLY, session_id: expect.any(String), transcript_path: expect.any(String) });
    const prompt = receiver.hooks.find((h) => h.path.endsWith(`/${key}`) && h.body.hook_event_name === 'UserPromptSubmit');
    expect(prompt?.body.prompt).toBe('hello there');
    await run.waitReady(TURN_MS);
  });

  it('writes a file under acceptEdits without asking', { timeout: 40_000 }, async () => {
    const { run, cwd } = await launchClaude('acceptEdits');
    await run.submit('please write:notes/hello.txt');
    await run.waitScreen('Wrote notes/hello.txt.', TURN_MS);
    expect(readFileSync(path.join(cwd, 'notes', 'hello.txt'), 'utf8')).toContain('Hello from the scripted model.');
  });

  it('asks in default mode, and "1" alone approves the write', { timeout: 40_000 }, async () => {
    const { run, cwd } = await launchClaude('default');
    await run.submit('write:approved.txt');
    const prompt = await run.waitScreen('Do you want to create approved.txt?', TURN_MS);
    expect(prompt).toMatch(/❯ 1\. Yes\n\s+2\. Yes, allow all edits during this session/);
    expect(existsSync(path.join(cwd, 'approved.txt'))).toBe(false);
    await run.input('1');
    await run.waitScreen('Wrote approved.txt.', TURN_MS);
    expect(existsSync(path.join(cwd, 'approved.txt'))).toBe(true);
  });

  it('interrupts a slow turn with ESC and comes back ready', { timeout: 40_000 }, async () => {
    const { run } = await launchClaude('default');
    await run.submit('slow');
    await run.waitScreen(/esc to interrupt/, TURN_MS, 'busy');
    await run.waitScreen('Step 005', TURN_MS, 'streamed text');
    await run.input('\x1b');
    const after = await run.waitScreen('Interrupted · What should Claude do instead?', TURN_MS);
    expect(after).not.toContain('Step 600');
    await run.waitReady(TURN_MS);
  });
});
