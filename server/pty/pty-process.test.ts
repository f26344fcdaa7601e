import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PtyProcess, type PtyExit } from './pty-process';
import { liveSessionMembers } from './testing/session-members';

interface Spawned {
  proc: PtyProcess;
  output: () => string;
  exit: Promise<PtyExit>;
}

function spawn(command: string, args: string[], killGraceMs = 3000): Spawned {
  const chunks: Buffer[] = [];
  let resolveExit: (e: PtyExit) => void = () => undefined;
  const exit = new Promise<PtyExit>((r) => (resolveExit = r));
  const proc = new PtyProcess({
    command,
    args,
    cwd: process.cwd(),
    cols: 80,
    rows: 24,
    killGraceMs,
    onData: (d) => chunks.push(Buffer.from(d)),
    onExit: (e) => resolveExit(e),
  });
  return { proc, exit, output: () => Buffer.concat(chunks).toString('utf8') };
}

async function waitFor(pred: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('PtyProcess', () => {
  it('reports an exit code after all output', async () => {
    const s = spawn('bash', ['-c', 'echo hello; exit 3']);
    expect(await s.exit).toEqual({ exitCode: 3, signal: null });
    expect(s.output()).toContain('hello');
  });

  it('reports a signal death as a signal name with exitCode null', async () => {
    const s = spawn('bash', ['-c', 'kill -KILL $$']);
    expect(await s.exit).toEqual({ exitCode: null, signal: 'SIGKILL' });
  });

  it("kills a non-interactive shell's background and foreground jobs", async () => {
    const s = spawn('bash', ['-c', 'sleep 1000 & sleep 1000']);
    await waitFor(() => liveSessionMembers(s.proc.pid).length >= 3);
    const exit = await s.proc.kill();
    expect(exit.signal).toBe('SIGHUP');
    expect(liveSessionMembers(s.proc.pid)).toEqual([]);
  });

  it('kills an interactive shell and its foreground job in its own process group', async () => {
    const s = spawn('bash', ['--norc', '--noprofile', '-i']);
    s.proc.write('sleep 1000\r');
    await waitFor(() => liveSessionMembers(s.proc.pid).some((p) => p.pgrp !== s.proc.pid));
    await s.proc.kill();
    expect(liveSessionMembers(s.proc.pid)).toEqual([]);
  });

  it('SIGKILLs a tree that ignores SIGHUP after the grace time', async () => {
    const s = spawn('bash', ['-c', 'trap "" HUP; sleep 1000; echo never'], 300);
    await waitFor(() => liveSessionMembers(s.proc.pid).length >= 2);
    const t0 = Date.now();
    const exit = await s.proc.kill();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(exit).toEqual({ exitCode: null, signal: 'SIGKILL' });
    expect(liveSessionMembers(s.proc.pid)).toEqual([]);
  });

  it('ignores a resize after exit', async () => {
    const s = spawn('true', []);
    await s.exit;
    expect(() => s.proc.resize(100, 40)).not.toThrow();
    expect(s.proc.write('x')).toBe(false);
  });

  it('delivers every byte of a fast writer that exits (libuv takes POLLHUP for EOF)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'axiom-pty-'));
    const file = path.join(dir, 'data.txt');
    const line = 'é漢字🙂 0123456789 abcdefghijklmnopqrstuvwxyz\n';
    writeFileSync(file, line.repeat(20_000));
    const expected = Buffer.byteLength(line.replace('\n', '\r\n')) * 20_000;
    try {
      for (let i = 0; i < 10; i++) {
        const s = spawn('cat', [file]);
        await s.exit;
        expect(Buffer.byteLength(s.output())).toBe(expected);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('delivers the output written just before exit even while paused', async () => {
    // Small enough to fit in the kernel's pty buffer, so the child exits while unread.
    const s = spawn('bash', ['-c', 'head -c 1500 /dev/zero | tr "\\0" x; echo END']);
    s.proc.pause();
    const exit = await s.exit;
    expect(exit.exitCode).toBe(0);
    expect(s.output()).toContain('END');
    expect(s.output().split('x').length - 1).toBe(1500);
  });
});
