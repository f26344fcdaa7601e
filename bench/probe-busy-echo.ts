// A focused probe of the busy-echo case (bench/measure-busy-echo.ts) with the page's
// costs beside it: main-thread busy share, WebSocket messages received, and (PROFILE=1)
// the functions with the most self time. Starts its own console on PROBE_PORT (7701).
//   npx tsx bench/probe-busy-echo.ts            OTHERS=16 KEYS=60 PROFILE=1
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { CDPSession } from '@playwright/test';
import { startBenchConsole } from './lib/server-process';
import { ConsoleClient } from './lib/console-client';
import { launchChromium, openDashboard } from './lib/browser';
import { waitForTerminal } from './lib/browser';
import { installEchoProbe, measureEcho } from './measure-echo';
import { CHATTY } from './measure-busy-echo';
import { summarize } from './lib/stats';

const others = Number(process.env.OTHERS ?? 16);
const keys = Number(process.env.KEYS ?? 60);
const profile = process.env.PROFILE === '1';
const trace = process.env.TRACE === '1';

interface TraceEvent { name: string; ph: string; dur?: number; tid: number; pid: number; args?: { name?: string } }

/** Self time per event name on the renderer's main thread (complete events only). */
function summarizeTrace(buf: Buffer, windowMs: number): string {
  const events = (JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return 'no CrRendererMain';
  const total = new Map<string, { ms: number; n: number }>();
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || e.dur === undefined) continue;
    const t = total.get(e.name) ?? { ms: 0, n: 0 };
    t.ms += e.dur / 1000;
    t.n += 1;
    total.set(e.name, t);
  }
  return [...total.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30)
    .map(([k, v]) => `${((v.ms / windowMs) * 100).toFixed(1).padStart(6)} %  ${String(v.n).padStart(6)}x  ${k}`).join('\n');
}

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** User + system CPU seconds of a process (and its threads). */
function procCpuS(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

function machineCpu(): { idle: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { idle: f[3]! + f[4]!, total: f.reduce((a, b) => a + b, 0) };
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

function topSelf(p: Profile, n: number): string {
  const byId = new Map(p.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`).join('\n');
}

const server = await startBenchConsole({ env: { PORT: process.env.PROBE_PORT ?? '7701' } });
const browser = await launchChromium();
try {
  const client = new ConsoleClient(server.url, server.token);
  const page = await openDashboard(browser, server.url, server.token);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Network.enable');
  let wsFrames = 0;
  cdp.on('Network.webSocketFrameReceived', () => { wsFrames++; });
  const chatty = [];
  for (let i = 0; i < others; i++) {
    chatty.push(await client.create({ command: process.execPath, args: ['-e', CHATTY(200)], name: `chatty-${i + 1}`, cols: 80, rows: 20 }));
  }
  const probe = await client.create({ command: 'cat', name: 'probe', cols: 80, rows: 20 });
  for (const s of [...chatty, probe]) await waitForTerminal(page, s.id);
  await page.waitForTimeout(1500);
  await installEchoProbe(page, probe.id);
  // Steady state first (no typing), then the echo samples, both after the panes settled.
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    await cdp.send('Profiler.start');
  }
  const m0 = await metrics(cdp);
  const frames0 = wsFrames;
  const cpu0 = { server: procCpuS(server.pid), machine: machineCpu() };
  if (trace) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink', 'cc', 'gpu', 'viz'] });
  await page.waitForTimeout(3000);
  if (trace) console.log(summarizeTrace(await browser.stopTracing(), 3000));
  const mIdle = await metrics(cdp);
  const cpu1 = { server: procCpuS(server.pid), machine: machineCpu() };
  const framesIdle = wsFrames;
  const samples = await measureEcho(page, probe.id, keys, 20);
  const m1 = await metrics(cdp);
  const idleS = mIdle.Timestamp! - m0.Timestamp!;
  const machine = 1 - (cpu1.machine.idle - cpu0.machine.idle) / (cpu1.machine.total - cpu0.machine.total);
  console.log(`steady: server process ${(((cpu1.server - cpu0.server) / idleS) * 100).toFixed(0)} % of a core; machine ${(machine * 100).toFixed(0)} % of ${cpus().length} cores busy`);
  console.log(`steady (no typing): main thread busy ${(((mIdle.TaskDuration! - m0.TaskDuration!) / idleS) * 100).toFixed(1)} %; ws frames ${((framesIdle - frames0) / idleS).toFixed(0)}/s`);
  const wallS = m1.Timestamp! - m0.Timestamp!;
  const busy = (k: string) => `${(((m1[k]! - m0[k]!) / wallS) * 100).toFixed(1)} %`;
  console.log(JSON.stringify({ others, echoMs: summarize(samples) }));
  console.log(`wall ${wallS.toFixed(1)} s; main thread busy ${busy('TaskDuration')} (script ${busy('ScriptDuration')}, layout ${busy('LayoutDuration')}, style ${busy('RecalcStyleDuration')}); ws frames received ${((wsFrames - frames0) / wallS).toFixed(0)}/s`);
  if (profile) {
    const { profile: p } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    console.log(topSelf(p, 25));
  }
} finally {
  await browser.close();
  await server.stop();
}
