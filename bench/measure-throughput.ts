import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { ConsoleClient } from './lib/console-client';
import { waitForTerminal } from './lib/browser';
import type { Fixture } from './lib/fixture';
import { cpuSince, type CpuSeconds } from './lib/process-cpu';

export interface ThroughputRun {
  mibPerSec: number;
  seconds: number;
  lineFeedsSeen: number;
  lineFeedsExpected: number;
  bytesLost: boolean;
  /** CPU each role spent from the input that starts the stream to the parsed end marker
   * (console runs only, when a sampler is given): where the time went. */
  cpuSeconds?: CpuSeconds;
}

const FIXTURE_ROUTE = '/__bench/fixture.bin';

/**
 * Console throughput: `cat` of the fixture, spawned directly (exec, no shell in between),
 * from its first parsed byte in the pane to the parsed end marker. Line feeds counted by
 * the pane's xterm prove nothing was dropped.
 */
export async function measureConsoleThroughput(page: Page, client: ConsoleClient, fixture: Fixture, sampleCpu?: () => CpuSeconds): Promise<ThroughputRun> {
  // The process waits for one line on stdin (with echo off) so the pane is attached and
  // probed before the first byte; then it becomes cat itself.
  const s = await client.create({
    command: 'sh',
    args: ['-c', 'stty -echo; read x; exec cat "$0"', fixture.path],
    name: 'bench-throughput',
    cols: 120,
    rows: 40,
  });
  await waitForTerminal(page, s.id);
  await page.waitForTimeout(300);
  await page.evaluate((sid) => {
    const t = window.__axiom!.terminals[sid]!;
    const st = { firstAt: 0, endAt: 0, lineFeeds: 0, bytesSeen: 0 };
    window.__benchStream = { ...(window.__benchStream ?? {}), [sid]: st };
    t.onLineFeed(() => { st.lineFeeds++; });
    t.onWriteParsed(() => { if (st.firstAt === 0) st.firstAt = performance.now(); });
    t.parser.registerOscHandler(7777, () => { st.endAt = performance.now(); return true; });
  }, s.id);
  const cpuBefore = sampleCpu?.();
  await client.input(s.id, '\r');
  await page.waitForFunction((sid) => window.__benchStream![sid]!.endAt > 0, s.id, { timeout: 180_000, polling: 100 });
  const cpuAfter = sampleCpu?.();
  const st = await page.evaluate((sid) => window.__benchStream![sid]!, s.id);
  await client.remove(s.id);
  const run = throughputRun(fixture, fixture.bytes, (st.endAt - st.firstAt) / 1000, st.lineFeeds);
  return cpuBefore === undefined || cpuAfter === undefined ? run : { ...run, cpuSeconds: cpuSince(cpuBefore, cpuAfter) };
}

function throughputRun(fixture: Fixture, bytes: number, seconds: number, lineFeedsSeen: number): ThroughputRun {
  return {
    mibPerSec: bytes / 1024 / 1024 / seconds,
    seconds,
    lineFeedsSeen,
    lineFeedsExpected: fixture.lineFeeds,
    bytesLost: lineFeedsSeen !== fixture.lineFeeds,
  };
}

/**
 * The browser's ceiling: the same bytes written straight into an xterm.js Terminal in the
 * same page, built from the pane terminal's own class and options (so the same renderer
 * and size), in 64 KiB writes, from the first write to the last write's callback.
 */
export async function measureLocalCeiling(page: Page, paneId: string, fixture: Fixture): Promise<ThroughputRun> {
  const body = readFileSync(fixture.path);
  await page.route(`**${FIXTURE_ROUTE}`, (route) => route.fulfill({ status: 200, body, contentType: 'application/octet-stream' }));
  const result = await page.evaluate(
    async ([sid, route]) => {
      const pane = window.__axiom!.terminals[sid as string]!;
      const bytes = new Uint8Array(await (await fetch(route as string)).arrayBuffer());
      const host = document.createElement('div');
      const paneEl = pane.element!;
      host.style.cssText = `position:fixed;left:0;top:0;width:${paneEl.clientWidth}px;height:${paneEl.clientHeight}px;z-index:9999;background:#111`;
      document.body.appendChild(host);
      const Ctor = pane.constructor as new (o: typeof pane.options) => typeof pane;
      const term = new Ctor({ ...pane.options });
      term.resize(pane.cols, pane.rows);
      term.open(host);
      let lineFeeds = 0;
      term.onLineFeed(() => { lineFeeds++; });
      const CHUNK = 64 * 1024;
      const t0 = performance.now();
      await new Promise<void>((resolve) => {
        for (let off = 0; off < bytes.length; off += CHUNK) {
          const last = off + CHUNK >= bytes.length;
          term.write(bytes.subarray(off, off + CHUNK), last ? resolve : undefined);
        }
      });
      const ms = performance.now() - t0;
      term.dispose();
      host.remove();
      return { ms, lineFeeds, total: bytes.length };
    },
    [paneId, FIXTURE_ROUTE] as const,
  );
  await page.unroute(`**${FIXTURE_ROUTE}`);
  return throughputRun(fixture, result.total, result.ms / 1000, result.lineFeeds);
}
