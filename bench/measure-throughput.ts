import { readFileSync } from 'node:fs';
import { waitForTerminal } from './lib/browser';
import type { ConsoleClient } from './lib/console-client';
import type { Fixture } from './lib/fixture';
import type { PlainPage } from './lib/plain-browser';
import { cpuSince, type CpuSeconds } from './lib/process-cpu';

export interface ThroughputRun {
  mibPerSec: number;
  seconds: number;
  lineFeedsSeen: number;
  lineFeedsExpected: number;
  bytesLost: boolean;
  /** Snapshots the pane was reset to during the run (console runs only): a page more than
   * the replay ring behind live output is resynced (ADR 0001), and skips what lay between. */
  snapshotResets?: number;
  /** The pane ends on the server mirror's screen, row for row (console runs only): what a
   * person sees after the stream, resynced or not. */
  screenMatchesMirror?: boolean;
  /** CPU each role spent from the input that starts the stream to the parsed end marker
   * (console runs only, when a sampler is given): where the time went. */
  cpuSeconds?: CpuSeconds;
}

const FIXTURE_ROUTE = '/__bench/fixture.bin';

/**
 * Both measures run in a page without DevTools network instrumentation (ADR 0020).
 *
 * Console throughput: `cat` of the fixture, spawned directly (exec, no shell in between),
 * from its first parsed byte in the pane to the parsed end marker. Line feeds counted by
 * the pane's xterm prove nothing was dropped; a page that fell more than the replay ring
 * behind is resynced from a snapshot (counted, and the run ends at its last parse).
 */
export async function measureConsoleThroughput(page: PlainPage, client: ConsoleClient, fixture: Fixture, sampleCpu?: () => CpuSeconds): Promise<ThroughputRun> {
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
    const st = { firstAt: 0, endAt: 0, lastParsedAt: 0, lineFeeds: 0, bytesSeen: 0, resets: 0 };
    window.__benchStream = { ...(window.__benchStream ?? {}), [sid]: st };
    t.onLineFeed(() => { st.lineFeeds++; });
    t.onWriteParsed(() => {
      st.lastParsedAt = performance.now();
      if (st.firstAt === 0) st.firstAt = st.lastParsedAt;
    });
    t.parser.registerOscHandler(7777, () => { st.endAt = performance.now(); return true; });
    // A snapshot starts with a reset of the pane (lib/terminal-stream.ts applySnapshot).
    const reset = t.reset.bind(t);
    t.reset = () => { st.resets++; reset(); };
  }, s.id);
  const cpuBefore = sampleCpu?.();
  await client.input(s.id, '\r');
  const ended = (sid: string) => window.__benchStream![sid]!.endAt > 0 || window.__benchStream![sid]!.resets > 0;
  await page.waitForFunction(ended, s.id, { timeout: 180_000, polling: 100 });
  // Resynced from a snapshot: the end marker is not screen state, so a snapshot taken past
  // it never shows it. The run has lost bytes; it ends once cat has exited and the pane
  // has had a second to parse what followed the snapshot.
  if ((await page.evaluate((sid) => window.__benchStream![sid]!.endAt, s.id)) === 0) {
    const deadline = Date.now() + 180_000;
    while ((await client.get(s.id)).status !== 'exited' && Date.now() < deadline) await page.waitForTimeout(100);
    await page.waitForTimeout(1000);
  }
  const cpuAfter = sampleCpu?.();
  const st = await page.evaluate((sid) => window.__benchStream![sid]!, s.id);
  const screenMatchesMirror = await sameScreenAsMirror(page, client, s.id);
  await client.remove(s.id);
  const endAt = st.endAt > 0 ? st.endAt : st.lastParsedAt;
  const run = { ...throughputRun(fixture, fixture.bytes, (endAt - st.firstAt) / 1000, st.lineFeeds), snapshotResets: st.resets, screenMatchesMirror };
  return cpuBefore === undefined || cpuAfter === undefined ? run : { ...run, cpuSeconds: cpuSince(cpuBefore, cpuAfter) };
}

/** Polls for up to 3 s: the mirror may still be parsing the last batch. */
async function sameScreenAsMirror(page: PlainPage, client: ConsoleClient, id: string): Promise<boolean> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const pane = await page.evaluate((sid) => {
      const t = window.__axiom!.terminals[sid]!;
      const buf = t.buffer.active;
      const lines: string[] = [];
      for (let y = 0; y < t.rows; y++) lines.push(buf.getLine(buf.baseY + y)?.translateToString(true) ?? '');
      while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
      return lines.join('\n');
    }, id);
    if (pane === (await client.screen(id)).text) return true;
    if (Date.now() > deadline) return false;
    await page.waitForTimeout(200);
  }
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
export async function measureLocalCeiling(page: PlainPage, paneId: string, fixture: Fixture): Promise<ThroughputRun> {
  const body = readFileSync(fixture.path);
  await page.serve(`*${FIXTURE_ROUTE}`, body);
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
  await page.unserve();
  return throughputRun(fixture, result.total, result.ms / 1000, result.lineFeeds);
}
