import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLAUDE_HOOK_EVENTS, hookCommand, shellQuote } from './claude-launch-plan';
import { HOOK_REPORTER_PATH, bundledClaudePath, findClaudeOnPath, prepareClaudeLaunch } from './claude-launch';

let tmp: string;

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'claude-launch-'));
});

afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const mode = (p: string): number => statSync(p).mode & 0o777;

describe('prepareClaudeLaunch', () => {
  it('offline: private folder, 0600 settings with every hook, a throwaway HOME and the model env', async () => {
    const agentDir = path.join(tmp, 'agent');
    const launch = await prepareClaudeLaunch({
      agentDir,
      cwd: path.join(tmp, 'work'),
      hookUrl: 'http://127.0.0.1:9/api/agent-hooks/k',
      hookSecret: "s3cret'quote",
      permissionMode: 'acceptEdits',
      claudePath: '/bin/claude',
      model: { baseUrl: 'http://127.0.0.1:8', apiKey: 'sk-ant-test-0123456789abcdef' },
      extraArgs: ['--verbose'],
    });
    expect(mode(agentDir)).toBe(0o700);
    expect(mode(launch.settingsPath)).toBe(0o600);
    expect(launch.command).toBe('/bin/claude');
    expect(launch.args).toEqual(['--settings', launch.settingsPath, '--permission-mode', 'acceptEdits', '--verbose']);
    const settings = JSON.parse(readFileSync(launch.settingsPath, 'utf8')) as { hooks: Record<string, Array<{ hooks: Array<{ command: string }> }>> };
    expect(Object.keys(settings.hooks).sort()).toEqual([...CLAUDE_HOOK_EVENTS].sort());
    const command = settings.hooks.Stop?.[0]?.hooks[0]?.command ?? '';
    expect(command).toContain(HOOK_REPORTER_PATH);
    // The secret is in a 0600 file, never in the settings or argv.
    expect(command).not.toContain('s3cret');
    const secretPath = path.join(agentDir, 'hook-secret');
    expect(readFileSync(secretPath, 'utf8')).toBe("s3cret'quote");
    expect(mode(secretPath)).toBe(0o600);
    expect(launch.homeDir).toBe(path.join(agentDir, 'home'));
    const claudeJson = JSON.parse(readFileSync(path.join(agentDir, 'home', '.claude.json'), 'utf8')) as Record<string, unknown>;
    expect(claudeJson).toMatchObject({
      hasCompletedOnboarding: true,
      customApiKeyResponses: { approved: ['sk-ant-test-0123456789abcdef'.slice(-20)] },
      projects: { [path.join(tmp, 'work')]: { hasTrustDialogAccepted: true } },
    });
    expect(launch.env).toMatchObject({
      HOME: launch.homeDir,
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:8',
      ANTHROPIC_API_KEY: 'sk-ant-test-0123456789abcdef',
      DISABLE_TELEMETRY: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    });
  });

  it('with a real login: keeps HOME and adds no env', async () => {
    const launch = await prepareClaudeLaunch({ agentDir: path.join(tmp, 'a'), cwd: tmp, hookUrl: 'http://x', hookSecret: 's', permissionMode: 'default', claudePath: 'claude' });
    expect(launch.homeDir).toBeNull();
    expect(launch.env).toEqual({});
    expect(launch.args).toContain('default');
  });

  it('quotes the hook command so a shell runs it with exact arguments', () => {
    const cmd = hookCommand({ nodePath: process.execPath, reporterPath: "/a b/it's.mjs", hookUrl: 'http://h/$HOME', secretPath: '/s;rm -rf x' });
    const argv = execFileSync('/bin/sh', ['-c', `printf '%s\\n' ${cmd.split(' ').slice(1).join(' ')}`]).toString().trim().split('\n');
    expect(argv).toEqual(["/a b/it's.mjs", 'http://h/$HOME', '/s;rm -rf x']);
    expect(shellQuote("'")).toBe(`''\\'''`);
  });
});

describe('finding claude', () => {
  it('searches PATH only, and exposes the bundled copy separately', () => {
    const bin = path.join(tmp, 'bin');
    mkdirSync(bin);
    expect(findClaudeOnPath(`/nonexistent${path.delimiter}${bin}`)).toBeNull();
    writeFileSync(path.join(bin, 'claude'), '#!/bin/sh\n');
    expect(findClaudeOnPath(bin)).toBeNull(); // not executable
    chmodSync(path.join(bin, 'claude'), 0o755);
    expect(findClaudeOnPath(`/nonexistent${path.delimiter}${bin}`)).toBe(path.join(bin, 'claude'));
    expect(bundledClaudePath()).toMatch(/node_modules\/\.bin\/claude$/);
  });
});

describe('hook-reporter.mjs', () => {
  let server: http.Server;
  let received: Array<{ url: string; secret: string | undefined; type: string | undefined; body: string }>;
  let url: string;

  beforeEach(async () => {
    received = [];
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ url: req.url ?? '', secret: req.headers['x-axiom-hook-secret'] as string | undefined, type: req.headers['content-type'], body });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/agent-hooks/k1`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  function runReporter(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; ms: number }> {
    const started = Date.now();
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [HOOK_REPORTER_PATH, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.on('exit', (code) => resolve({ code, stdout, ms: Date.now() - started }));
      child.stdin.end(stdin);
    });
  }

  it('POSTs the payload with the secret header, prints nothing, exits 0', async () => {
    const secretFile = path.join(tmp, 'secret');
    writeFileSync(secretFile, 'abc123', { mode: 0o600 });
    const payload = JSON.stringify({ hook_event_name: 'Stop', session_id: 'x' });
    const r = await runReporter([url, secretFile], payload);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(received).toEqual([{ url: '/api/agent-hooks/k1', secret: 'abc123', type: 'application/json', body: payload }]);
  });

  it('exits 0 quickly when the console is down, hangs, or the args are wrong', async () => {
    const secretFile = path.join(tmp, 'secret');
    writeFileSync(secretFile, 's');
    expect((await runReporter(['http://127.0.0.1:1/x', secretFile], '{}')).code).toBe(0);
    const hang = http.createServer(() => undefined);
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', () => r()));
    const slow = await runReporter([`http://127.0.0.1:${(hang.address() as AddressInfo).port}/`, secretFile], '{}');
    hang.closeAllConnections();
    hang.close();
    expect(slow.code).toBe(0);
    expect(slow.ms).toBeLessThan(3000);
    expect((await runReporter([], '{}')).code).toBe(0);
    expect((await runReporter([url, path.join(tmp, 'missing')], '{}')).code).toBe(0);
  });
});
