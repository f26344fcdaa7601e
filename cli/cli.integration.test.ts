import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskId, TaskInfo } from '../protocol/task';
import { startTestConsole, TEST_TOKEN, waitFor, type TestConsole } from '../server/transport/test-console';

/**
 * `axiom` as a user runs it: the real bin script in its own process, against a real
 * console (shell agents), checked by stdout, stderr and exit code.
 */
const BIN = fileURLToPath(new URL('./axiom.mjs', import.meta.url));
let c: TestConsole;
let env: NodeJS.ProcessEnv;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function axiom(args: string[], extraEnv: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  c = await startTestConsole();
  env = { ...process.env, AXIOM_URL: c.origin, AXIOM_TOKEN: TEST_TOKEN, AXIOM_DATA_DIR: '/nonexistent' };
});
afterAll(async () => {
  await c.stop();
});

describe('the axiom CLI against a running console', () => {
  it('spawns (printing the id), lists, shows status, sends, and reads the screen with tail --once', async () => {
    const spawned = await axiom(['spawn', 'echo cli-$((6*7))', '--agent', 'shell', '--name', 'from the cli']);
    expect(spawned).toMatchObject({ code: 0, stderr: '' });
    const id = spawned.stdout.trim();
    expect(id).toMatch(/^t-[a-z0-9]+$/);
    const ls = await axiom(['ls']);
    expect(ls.code).toBe(0);
    expect(ls.stdout.split('\n')[0]).toMatch(/^ID\s+STATE\s+VERIFIED\s+AGENT\s+PARENT\s+AGE\s+NAME/);
    expect(ls.stdout).toContain(id);
    const asJson = JSON.parse((await axiom(['ls', '--json'])).stdout) as TaskInfo[];
    expect(asJson.map((t) => t.id)).toContain(id);
    const status = await axiom(['status', id]);
    expect(status.stdout).toMatch(/^id:\s+t-/);
    expect(status.stdout).toContain('name:           from the cli');
    const sent = await axiom(['send', id, 'echo sent-$((1+2))']);
    expect(sent.code).toBe(0);
    expect(['queued', 'typed', 'submitted']).toContain(sent.stdout.trim());
    await waitFor(async () => ((await axiom(['tail', id, '--once'])).stdout.includes('sent-3') ? true : undefined), 15_000, 'sent-3 on screen');
    const once = (await axiom(['tail', id, '--once'])).stdout;
    expect(once).toContain('cli-42');
    // Into a pipe: the screen's text, which grep can read, not the escape sequences that draw it.
    expect(once).toMatch(/^\$ echo cli-\$\(\(6\*7\)\)$/m);
    expect(once).not.toContain('\x1b');
  });

  it('status and ls show the console\'s verdict on the work, with its reason', async () => {
    const id = (await axiom(['spawn', 'echo done > out.txt', '--agent', 'shell', '--check', 'test -s out.txt', '--name', 'verified by check'])).stdout.trim();
    await waitFor(async () => (JSON.parse((await axiom(['status', id, '--json'])).stdout) as TaskInfo).verification?.state === 'verified' || undefined, 20_000, 'verified');
    expect((await axiom(['status', id])).stdout).toMatch(/^verification:\s+verified: 1 file changed, check passed \(attempt 1\)$/m);
    const row = (await axiom(['ls'])).stdout.split('\n').find((l) => l.startsWith(id));
    expect(row).toMatch(new RegExp(`^${id}\\s+idle\\s+verified\\s+shell\\s`));
  });

  it('wait blocks until the turn ends; --verified exits 0 only on the console\'s verdict; --timeout exits 5', async () => {
    const good = (await axiom(['spawn', 'sleep 1; echo ok > good.txt', '--agent', 'shell', '--check', 'test -s good.txt'])).stdout.trim();
    const waited = await axiom(['wait', good, '--verified', '--timeout', '30']);
    expect(waited).toMatchObject({ code: 0, stderr: '' });
    expect(waited.stdout.trim()).toBe('idle · verified: 1 file changed, check passed');

    const bad = (await axiom(['spawn', 'sleep 1; echo wrong > bad.txt', '--agent', 'shell', '--check', 'grep -q right bad.txt'])).stdout.trim();
    const refused = await axiom(['wait', bad, '--verified', '--timeout', '30']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^axiom: needs work: 1 file changed, but the check failed \(exit 1\)/);

    const slow = (await axiom(['spawn', 'sleep 20', '--agent', 'shell'])).stdout.trim();
    const late = await axiom(['wait', slow, '--timeout', '1']);
    // On a failure, what the task was when wait returned says which race it lost.
    const seen = c.tasks.get(slow as TaskId);
    const what = seen.ok ? { state: seen.value.state, status: seen.value.status, queue: seen.value.queue, receipts: seen.value.receipts } : seen.error;
    expect(late.code, `${late.stdout}${late.stderr}${JSON.stringify(what)}`).toBe(5);
    expect(late.stderr).toMatch(/^axiom: timed out after 1 s: it is (starting|busy)/);
    expect((await axiom(['wait', slow, '--timeout', 'soon'])).code).toBe(2);
  });

  it('tail follows live output until the task ends', async () => {
    const id = (await axiom(['spawn', 'for i in 1 2 3; do echo tick-$i; sleep 0.3; done; exit', '--agent', 'shell'])).stdout.trim();
    const out = await axiom(['tail', id]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('tick-3');
  });

  it('tail of a task that already ended prints its last screen and exits', async () => {
    const id = (await axiom(['spawn', 'echo ended-$((40+2)); exit', '--agent', 'shell'])).stdout.trim();
    await waitFor(async () => (JSON.parse((await axiom(['status', id, '--json'])).stdout) as TaskInfo).state === 'exited' || undefined, 10_000, 'exited');
    const out = await axiom(['tail', id]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('ended-42');
  });

  it('interrupts and approves; a task that is not waiting is a refusal (exit 1)', async () => {
    const id = (await axiom(['spawn', 'sleep 30', '--agent', 'shell'])).stdout.trim();
    await waitFor(async () => (JSON.parse((await axiom(['status', id, '--json'])).stdout) as TaskInfo).state === 'busy' || undefined, 10_000, 'busy');
    const interrupted = await axiom(['interrupt', id]);
    expect(interrupted.code).toBe(0);
    expect(interrupted.stdout).toMatch(/^stopped \(ctrl-c/);
    const approve = await axiom(['approve', id]);
    expect(approve.code).toBe(1);
    expect(approve.stderr).toMatch(/refused:not-waiting/);
  });

  it('exports the event ledger as JSONL', async () => {
    const out = await axiom(['export']);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(() => lines.map((l) => JSON.parse(l) as unknown)).not.toThrow();
  });

  it('exits 2 on usage errors, 3 for an unknown task, 4 with no console', async () => {
    expect((await axiom(['spawn'])).code).toBe(2);
    expect((await axiom(['ls', '--bogus'])).code).toBe(2);
    const missing = await axiom(['status', 't-000000']);
    expect([missing.code, missing.stderr]).toEqual([3, expect.stringMatching(/not_found:task/)]);
    expect((await axiom(['ls'], { AXIOM_URL: '', AXIOM_DATA_DIR: '/nonexistent' })).code).toBe(4);
    expect((await axiom(['ls'], { AXIOM_URL: 'http://127.0.0.1:9' })).code).toBe(4);
  });

  it('finds the console through console.json in the data folder', async () => {
    const out = await axiom(['ls', '--json'], { AXIOM_URL: '', AXIOM_TOKEN: '', AXIOM_DATA_DIR: c.dataDir });
    expect(out.code).toBe(0);
    expect(Array.isArray(JSON.parse(out.stdout))).toBe(true);
  });

  it('axiom mcp speaks MCP over stdio, proxied to the console', async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp'], env: { ...env } as Record<string, string>, stderr: 'pipe' });
    const client = new Client({ name: 'stdio-test', version: '0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('axiom_spawn');
      const r = await client.callTool({ name: 'axiom_spawn', arguments: { prompt: 'echo via-stdio', agent: 'shell' } });
      expect((r.structuredContent as { id: string }).id).toMatch(/^t-/);
    } finally {
      await client.close();
    }
  });
});

