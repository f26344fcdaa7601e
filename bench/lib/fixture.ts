import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

/** OSC 7777 marks the end of a fixture; the page registers a handler for it, so "the
 * sentinel was parsed" is exact and costs nothing per byte. */
export const END_MARKER = '\x1b]7777;axiom-bench-end\x07';

export interface Fixture {
  path: string;
  bytes: number;
  lineFeeds: number;
}

const SGR = ['\x1b[31m', '\x1b[32m', '\x1b[33m', '\x1b[1;34m', '\x1b[38;5;208m', '\x1b[38;2;120;200;255m'];
const WORDS = ['agent', 'compile', 'tests', 'passed', 'refactor', 'module', 'écrit', '漢字', 'データ', '🙂', 'λ', 'naïve'];

/** A deterministic line of mixed output: plain ASCII, multi-byte UTF-8, or SGR colours. */
function mixedLine(i: number): string {
  const kind = i % 10;
  const n = String(i).padStart(7, '0');
  if (kind < 6) return `${n} INFO build step ${i % 97} completed in ${(i % 1000) / 10} ms, cache ok`;
  if (kind < 8) return `${n} ${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${WORDS[(i * 3) % WORDS.length]} — ünïcödé ✓`;
  return `${n} ${SGR[i % SGR.length]}WARN${'\x1b[0m'} ${SGR[(i + 1) % SGR.length]}colour ${i % 256}\x1b[0m done`;
}

/** Writes (once) a file of about `targetBytes` of mixed lines, ending with END_MARKER. */
export async function ensureMixedFixture(dir: string, targetBytes: number): Promise<Fixture> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `mixed-${targetBytes}.txt`);
  let lineFeeds = 0;
  let bytes = 0;
  const lines: string[] = [];
  for (let i = 0; bytes < targetBytes; i++) {
    const line = `${mixedLine(i)}\n`;
    bytes += Buffer.byteLength(line);
    lineFeeds++;
    lines.push(line);
  }
  const total = bytes + Buffer.byteLength(END_MARKER);
  if (!existsSync(path) || statSync(path).size !== total) {
    const out = createWriteStream(path);
    for (const line of lines) if (!out.write(line)) await once(out, 'drain');
    out.end(END_MARKER);
    await once(out, 'finish');
  }
  return { path, bytes: total, lineFeeds };
}
