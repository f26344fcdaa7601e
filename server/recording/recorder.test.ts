import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { castOutputText, parseCast, type ParsedCast } from '../../protocol/asciicast';
import type { SessionId } from '../../protocol/ids';
import { createInProcessSessionHost, type InProcessSessionHost } from '../sessions/in-process-host';
import { create, unwrap, waitExited, waitFor } from '../sessions/testing/host-harness';
import { cutMarkerText } from './cast-encoder';
import { sessionInfo } from '../store/testing/fixtures';
import { createRecorder, RECORDING_TIMING, type Recorder } from './recorder';

/** Real PTY sessions recorded through the host's tap, read back from disk. */
interface Rig {
  host: InProcessSessionHost;
  recorder: Recorder;
  dir: string;
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) {
    await r.host.dispose();
    await r.recorder.close();
    rmSync(r.dir, { recursive: true, force: true });
  }
});

function rig(maxBytes = 1 << 20): Rig {
  const dir = mkdtempSync(join(tmpdir(), 'axiom-rec-'));
  const errors: unknown[] = [];
  const recorder = createRecorder({
    dir: join(dir, 'recordings'),
    maxBytes,
    term: 'xterm-256color',
    shell: '/bin/sh',
    logError: (message, detail) => errors.push([message, detail]),
  });
  const host = createInProcessSessionHost({ tap: recorder, killGraceMs: 200 });
  const r = { host, recorder, dir };
  rigs.push(r);
  return r;
}

async function readCast(r: Rig, id: SessionId): Promise<{ cast: ParsedCast; text: string }> {
  await r.recorder.flush(id);
  const text = readFileSync(r.recorder.pathFor(id), 'utf8');
  const cast = parseCast(text);
  if (!cast) throw new Error(`not an asciicast v2 file:\n${text.slice(0, 200)}`);
  return { cast, text };
}

// Octal escapes (dash's printf): 漢 = e6 bc a2, 🙂 = f0 9f 99 82, each cut between reads.
const SPLIT_SCRIPT = "printf 'start \\346'; sleep 0.2; printf '\\274\\242 mid \\360\\237'; sleep 0.2; printf '\\231\\202 end\\n'";

describe('recorder (real PTY sessions)', () => {
  it('writes a valid asciicast v2 file whose text is exactly what the program printed', async () => {
    const r = rig();
    const info = await create(r.host, '/bin/sh', ['-c', SPLIT_SCRIPT], { name: 'split' });
    await waitExited(r.host, info.id);
    const { cast, text } = await readCast(r, info.id);
    expect(cast.header).toMatchObject({ version: 2, width: 80, height: 24, env: { TERM: 'xterm-256color', SHELL: '/bin/sh' } });
    expect(cast.header.title).toContain('split');
    expect(Math.abs(cast.header.timestamp - Date.now() / 1000)).toBeLessThan(60);
    expect(cast.skippedLines).toBe(0);
    expect(castOutputText(cast.events)).toBe('start 漢 mid 🙂 end\r\n');
    // The character really was split across reads: three separate output events.
    expect(cast.events.filter((e) => e[1] === 'o').length).toBeGreaterThanOrEqual(3);
    const times = cast.events.map((e) => e[0]);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(text.endsWith('\n')).toBe(true);
    expect(statSync(r.recorder.pathFor(info.id)).mode & 0o777).toBe(0o600);
  });

  it('records resizes, and a restart in the same file with a marker', async () => {
    const r = rig();
    const info = await create(r.host, '/bin/sh', ['-c', 'read line; echo "got $line"']);
    await waitFor(async () => (await r.host.request({ type: 'get', id: info.id })).ok, 2000);
    unwrap(await r.host.request({ type: 'resize', id: info.id, cols: 100, rows: 30 }));
    unwrap(await r.host.request({ type: 'input', id: info.id, data: 'one\r' }));
    await waitExited(r.host, info.id);
    unwrap(await r.host.request({ type: 'restart', id: info.id }));
    unwrap(await r.host.request({ type: 'input', id: info.id, data: 'two\r' }));
    await waitExited(r.host, info.id);
    const { cast, text } = await readCast(r, info.id);
    expect(text.split('\n').filter((l) => l.startsWith('{'))).toHaveLength(1);
    expect(cast.events.filter((e) => e[1] === 'r')).toEqual([[expect.any(Number), 'r', '100x30']]);
    expect(cast.events.filter((e) => e[1] === 'm').map((e) => e[2])).toEqual(['restart: generation 2']);
    const output = castOutputText(cast.events);
    expect(output).toContain('got one');
    expect(output).toContain('restarted (generation 2)');
    expect(output.indexOf('got two')).toBeGreaterThan(output.indexOf('restarted (generation 2)'));
  });

  it('cuts a recording at the cap with a marker and nothing after it', async () => {
    const maxBytes = 8 * 1024;
    const r = rig(maxBytes);
    const info = await create(r.host, '/bin/sh', ['-c', 'i=0; while [ $i -lt 3000 ]; do echo "line $i"; i=$((i+1)); done']);
    await waitExited(r.host, info.id);
    const { cast, text } = await readCast(r, info.id);
    const last = cast.events.at(-1);
    expect(last?.[2]).toBe(cutMarkerText(maxBytes));
    expect(cast.events.filter((e) => e[2].includes('[axiom: recording cut'))).toHaveLength(1);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(maxBytes + Buffer.byteLength(`${JSON.stringify(last)}\n`));
    expect(castOutputText(cast.events)).toContain('line 0\r\n');
  });
});

describe('recorder (direct calls)', () => {
  it('encodes a burst larger than one slice over several turns, all of it and in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'axiom-rec-'));
    const recorder = createRecorder({ dir, maxBytes: 1 << 30, term: 'xterm-256color', logError: () => undefined });
    try {
      const info = sessionInfo('s-burst0001');
      recorder.started(info);
      const line = 'écrit 漢字 🙂 0123456789\r\n';
      const chunk = new TextEncoder().encode(line.repeat(2000));
      const batches = Math.ceil((3 * RECORDING_TIMING.sliceBytes) / chunk.byteLength);
      for (let i = 0; i < batches; i += 1) recorder.output(info.id, chunk);
      // No explicit flush: the timer and the slices after it write everything.
      const path = recorder.pathFor(info.id);
      const expected = line.repeat(2000 * batches);
      const written = (): string => (existsSync(path) ? castOutputText(parseCast(readFileSync(path, 'utf8'))?.events ?? []) : '');
      await waitFor(() => written().length === expected.length, 5000, 'all slices written');
      expect(written()).toBe(expected);
    } finally {
      await recorder.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
