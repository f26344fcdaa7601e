import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleClient } from './lib/console-client';
import { waitForText } from './lib/browser';

export interface CatExitResult {
  spawns: number;
  mirrorComplete: number;
  browserComplete: number;
  seconds: number;
}

/** 1 MiB of numbered lines; the last line is the proof that the tail arrived. */
function writeMiBFile(dir: string): { path: string; lastLine: string } {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 1024 * 1024; i++) {
    const line = `${String(i).padStart(6, '0')} é漢字🙂 the tail of every file must arrive ${'.'.repeat(i % 40)}\n`;
    lines.push(line);
    size += Buffer.byteLength(line);
  }
  const lastLine = `END-OF-FILE ${lines.length}`;
  const path = join(dir, 'one-mib.txt');
  writeFileSync(path, lines.join('') + lastLine + '\n');
  return { path, lastLine };
}

/**
 * `cat` of a 1 MiB file spawned directly (no shell) `spawns` times, a few at a time, with
 * the dashboard open: every run's last line must reach the mirror (REST /screen) and the
 * pane in the browser. node-pty can lose the tail of a process that exits right after
 * writing; this is the regression check for that.
 */
export async function measureCatExit(page: Page, client: ConsoleClient, dir: string, spawns: number, concurrency: number): Promise<CatExitResult> {
  const { path, lastLine } = writeMiBFile(dir);
  let mirrorComplete = 0;
  let browserComplete = 0;
  const t0 = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < spawns) {
      next++;
      const s = await client.create({ command: 'cat', args: [path], name: 'cat-exit', cols: 100, rows: 30 });
      const deadline = Date.now() + 15_000;
      let info = await client.get(s.id);
      while (info.status !== 'exited' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        info = await client.get(s.id);
      }
      if ((await client.screen(s.id)).text.includes(lastLine)) mirrorComplete++;
      try {
        await waitForText(page, s.id, lastLine, 10_000);
        browserComplete++;
      } catch {
        // Not found in time is the failure being counted, not an error of the bench.
      }
      await client.remove(s.id);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { spawns, mirrorComplete, browserComplete, seconds: (Date.now() - t0) / 1000 };
}
