import type { Browser, Page } from '@playwright/test';
import type { ConsoleClient } from './lib/console-client';
import type { ConsoleProcess } from './lib/server-process';
import { openDashboard, waitForTerminal, waitForText } from './lib/browser';
import { focusTerminal, installEchoProbe, probeEchoOnce } from './measure-echo';

export interface FloodRun {
  mode: 'throttled-20x' | 'stalled';
  seconds: number;
  baselineRssMiB: number;
  peakRssMiB: number;
  rssGrowthMiB: number;
  secondViewerEchoMaxMs: number;
  secondViewerEchoP50Ms: number;
  secondViewerProbes: number;
  secondViewerMissed: number;
  /** Bytes the flood session produced, from its sequence numbers: proof the agent was not slowed. */
  floodMiBPerSec: number;
}

const PROBE_INTERVAL_MS = 500;
const ECHO_LIMIT_MS = 1000;

/**
 * A 20 s `yes` flood watched by a page that is either CPU-throttled 20x or stalled
 * outright (JavaScript paused in the debugger), while a second page keeps typing into
 * another session. Server RSS is sampled from /proc every 100 ms.
 */
export async function measureFlood(
  browser: Browser,
  server: ConsoleProcess,
  client: ConsoleClient,
  mode: FloodRun['mode'],
  seconds: number,
): Promise<FloodRun> {
  const echo = await client.create({ command: 'cat', name: 'probe', cols: 80, rows: 24 });
  const flood = await client.create({ command: 'sh', args: ['-c', 'stty -echo; read x; exec yes "axiom flood line with some width to it"'], name: 'flood' });
  const slow: Page = await openDashboard(browser, server.url, server.token);
  const second: Page = await openDashboard(browser, server.url, server.token);
  await waitForTerminal(slow, flood.id);
  await waitForTerminal(second, echo.id);
  await waitForTerminal(second, flood.id);
  await installEchoProbe(second, echo.id);
  await focusTerminal(second, echo.id);

  const cdp = await slow.context().newCDPSession(slow);
  if (mode === 'throttled-20x') {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
  } else {
    await cdp.send('Debugger.enable');
    await cdp.send('Debugger.pause');
  }

  await new Promise((r) => setTimeout(r, 500));
  const baseline = server.rssBytes();
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, server.rssBytes()); }, 100);
  const startedAt = Date.now();
  await client.input(flood.id, '\r');

  const probes: number[] = [];
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    probes.push(await probeEchoOnce(second, echo.id, ECHO_LIMIT_MS));
    await new Promise((r) => setTimeout(r, PROBE_INTERVAL_MS));
  }
  clearInterval(sampler);
  peak = Math.max(peak, server.rssBytes());
  const producedMiB = await floodBytesMiB(client, flood.id);
  const elapsed = (Date.now() - startedAt) / 1000;

  if (mode === 'throttled-20x') await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  else await cdp.send('Debugger.resume');
  await client.remove(flood.id);
  // The slow page must recover: once resumed it resyncs and shows the live screen again.
  await waitForText(second, echo.id, 'x', 5000);
  await client.remove(echo.id);
  await slow.context().close();
  await second.context().close();

  const finite = probes.filter(Number.isFinite).sort((a, b) => a - b);
  return {
    mode,
    seconds,
    baselineRssMiB: mib(baseline),
    peakRssMiB: mib(peak),
    rssGrowthMiB: mib(peak - baseline),
    secondViewerEchoMaxMs: probes.length ? Math.round(Math.max(...probes) * 10) / 10 : Number.NaN,
    secondViewerEchoP50Ms: finite.length ? Math.round(finite[Math.floor(finite.length / 2)]! * 10) / 10 : Number.NaN,
    secondViewerProbes: probes.length,
    secondViewerMissed: probes.length - finite.length,
    floodMiBPerSec: Math.round((producedMiB / elapsed) * 10) / 10,
  };
}

function mib(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

/** How much the flood produced: the session's output offset, read through the API. */
async function floodBytesMiB(client: ConsoleClient, id: string): Promise<number> {
  return (await client.get(id)).outputBytes / 1024 / 1024;
}
