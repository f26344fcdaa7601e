/**
 * Host-level measurements (no socket, no browser): output throughput of one `cat` through
 * the session host with a viewer that acks every frame, and keystroke echo latency
 * (input request → output event). Run: `npx tsx server/sessions/testing/measure-host.ts`.
 * Not imported by production code.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureMixedFixture } from '../../../bench/lib/fixture';
import type { SessionId } from '../../../protocol/ids';
import { createInProcessSessionHost, type InProcessSessionHost } from '../in-process-host';
import { TestViewer, create, unwrap, waitFor } from './host-harness';

const MIB = 1024 * 1024;

async function throughput(host: InProcessSessionHost, file: { path: string; bytes: number; lineFeeds: number }): Promise<number> {
  // The PTY's line discipline turns each \n into \r\n (onlcr).
  const expected = file.bytes + file.lineFeeds;
  const info = await create(host, 'sh', ['-c', 'stty -echo; read x; exec cat "$0"', file.path], { cols: 120, rows: 40 });
  const viewer = new TestViewer(host, info.id, 'bench', { keepBytes: false });
  await viewer.attach(0);
  await new Promise((r) => setTimeout(r, 200));
  const t0 = performance.now();
  unwrap(await host.request({ type: 'input', id: info.id, data: '\r' }));
  await waitFor(() => {
    const st = host.streamState(info.id);
    return st !== undefined && st.emittedSeq === expected && st.mirrorParsedSeq === expected && viewer.receivedBytes === expected;
  }, 180_000, 'drain');
  const seconds = (performance.now() - t0) / 1000;
  viewer.dispose();
  unwrap(await host.request({ type: 'remove', id: info.id }));
  return expected / MIB / seconds;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function echoLatency(host: InProcessSessionHost, keystrokes: number): Promise<{ p50: number; p95: number }> {
  const info = await create(host, 'cat');
  const id: SessionId = info.id;
  const viewer = new TestViewer(host, id, 'echo', { keepBytes: false });
  await viewer.attach();
  await new Promise((r) => setTimeout(r, 200));
  const samples: number[] = [];
  for (let i = 0; i < keystrokes; i++) {
    const before = viewer.receivedBytes;
    const got = new Promise<number>((resolve) => {
      const off = host.onEvent((e) => {
        if (e.type === 'output' && e.id === id && viewer.receivedBytes + e.data.byteLength > before) {
          off();
          resolve(performance.now());
        }
      });
    });
    const t0 = performance.now();
    await host.request({ type: 'input', id, data: i % 40 === 39 ? '\r' : 'k' });
    samples.push((await got) - t0);
    await new Promise((r) => setTimeout(r, 5));
  }
  viewer.dispose();
  unwrap(await host.request({ type: 'remove', id }));
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

async function main(): Promise<void> {
  const dir = path.join(tmpdir(), 'axiom-host-bench');
  const host = createInProcessSessionHost({ logger: console });
  try {
    for (const mib of [8, 32]) {
      const file = await ensureMixedFixture(dir, mib * MIB);
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) runs.push(await throughput(host, file));
      console.log(`throughput ${mib} MiB: ${runs.map((r) => r.toFixed(1)).join(', ')} MiB/s`);
    }
    const idle = await echoLatency(host, 200);
    console.log(`echo idle: p50 ${idle.p50.toFixed(2)} ms, p95 ${idle.p95.toFixed(2)} ms`);
    // The same while another session floods: the mirror's parsing competes for the thread.
    const file = await ensureMixedFixture(dir, 32 * MIB);
    const flood = await create(host, 'sh', ['-c', 'while :; do cat "$0"; done', file.path]);
    const floodViewer = new TestViewer(host, flood.id, 'flood', { keepBytes: false });
    await floodViewer.attach();
    await new Promise((r) => setTimeout(r, 500));
    const busy = await echoLatency(host, 200);
    console.log(`echo during a flood: p50 ${busy.p50.toFixed(2)} ms, p95 ${busy.p95.toFixed(2)} ms`);
    floodViewer.dispose();
  } finally {
    await host.dispose();
  }
}

await main();
