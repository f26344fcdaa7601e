#!/usr/bin/env node
/**
 * Claude Code hook command: forwards the hook's JSON (stdin) to the console.
 *
 *   node hook-reporter.mjs <url> <secret-file>
 *
 * The secret is read from a 0600 file rather than passed on the command line, because
 * argv is world-readable in /proc/<pid>/cmdline and `ps`; the file path is not secret.
 *
 * Rules, because this runs inside the agent's turn:
 * - never block the CLI: a hard deadline exits 0 after ~1.5 s whatever is pending;
 * - never fail the CLI: every error is swallowed and the exit code is always 0 (a non-zero
 *   exit, or exit code 2, would make Claude Code show an error or even block the tool);
 * - print nothing on stdout: for some events Claude Code treats stdout as hook output
 *   (added to the context, or parsed as a JSON decision).
 * Plain Node, no dependencies, so it runs wherever the CLI's `node` does.
 */
import { readFileSync } from 'node:fs';

/** The whole hook (stdin read + POST) must end well within what a person notices. */
const DEADLINE_MS = 1500;
/** Hook payloads are small JSON; a cap keeps a confused pipe from growing memory. */
const MAX_STDIN_BYTES = 1024 * 1024;

const deadline = setTimeout(() => process.exit(0), DEADLINE_MS);
deadline.unref();

async function readStdin() {
  const chunks = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += chunk.length;
    if (size > MAX_STDIN_BYTES) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function main() {
  const [url, secretFile] = process.argv.slice(2);
  if (!url || !secretFile) return;
  const secret = readFileSync(secretFile, 'utf8').trim();
  const body = await readStdin();
  const controller = new AbortController();
  const abort = setTimeout(() => controller.abort(), DEADLINE_MS - 200);
  try {
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-axiom-hook-secret': secret },
      body: body.length > 0 ? body : '{}',
      signal: controller.signal,
    });
  } finally {
    clearTimeout(abort);
  }
}

main()
  .catch(() => {
    // Deliberately silent: the console being down or slow must never disturb the agent.
  })
  .finally(() => process.exit(0));
