/**
 * Driving the real Claude Code CLI in a real PTY (through the session host) against the
 * scripted model, for the integration test and the fixture recorder. Not imported by
 * production code.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import type { SessionId } from '../../../../protocol/ids';
import type { SessionHost } from '../../../sessions/session-host';
import type { ClaudeLaunch } from '../claude-launch';

export interface ReceivedHook {
  atMs: number;
  path: string;
  secret: string | undefined;
  body: Record<string, unknown>;
}

/** A stand-in for the console's hook endpoint. */
export interface HookReceiver {
  url(sessionKey: string): string;
  readonly hooks: ReceivedHook[];
  close(): Promise<void>;
}

export async function startHookReceiver(): Promise<HookReceiver> {
  const hooks: ReceivedHook[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(body) as Record<string, unknown>;
      } catch {
        // Kept as {} so a test sees the request arrived even if the body was not JSON.
      }
      hooks.push({ atMs: Date.now(), path: req.url ?? '', secret: req.headers['x-axiom-hook-secret'] as string | undefined, body: parsed });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (key) => `http://127.0.0.1:${port}/api/agent-hooks/${key}`,
    hooks,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** OSC 0 / OSC 2 (window title), terminated by BEL or ST. */
const TITLE_RE = /\x1b\][02];([^\x07\x1b]*)(?:\x07|\x1b\\)/g;
/** Longest unterminated tail kept between chunks so a title split across reads is found. */
const TITLE_CARRY_CHARS = 512;

/** Idle and ready for a prompt: the composer, and a footer that is not the busy one. */
export function isReadyScreen(text: string): boolean {
  // The composer line is "❯" + NO-BREAK SPACE (U+00A0) + text, not a plain space.
  return /^❯\s/m.test(text) && /\? for shortcuts|accept edits on/.test(text) && !/esc to i/.test(text);
}

export class ClaudeRun {
  readonly titles: Array<{ atMs: number; title: string }> = [];
  private readonly decoder = new StringDecoder('utf8');
  private carry = '';
  private readonly off: () => void;

  private constructor(
    private readonly host: SessionHost,
    readonly id: SessionId,
    readonly startedAt: number,
  ) {
    this.off = host.onEvent((e) => {
      if (e.type !== 'output' || e.id !== id || e.viewerId !== this.viewerId) return;
      this.scanTitles(this.decoder.write(Buffer.from(e.data)));
      void host.request({ type: 'ack', id, viewerId: this.viewerId, seq: e.seq + e.data.byteLength });
    });
  }

  private get viewerId(): string {
    return `harness-${this.id}`;
  }

  static async start(host: SessionHost, launch: ClaudeLaunch, cwd: string, size = { cols: 100, rows: 30 }): Promise<ClaudeRun> {
    const startedAt = Date.now();
    const r = await host.request({ type: 'create', input: { command: launch.command, args: launch.args, env: launch.env, cwd, ...size } });
    if (!r.ok) throw new Error(`claude did not start: ${r.error.message}`);
    const run = new ClaudeRun(host, r.value.id, startedAt);
    const attached = await host.request({ type: 'attach', id: run.id, viewerId: run.viewerId });
    if (!attached.ok) throw new Error(attached.error.message);
    return run;
  }

  private scanTitles(text: string): void {
    const s = this.carry + text;
    let end = 0;
    for (const m of s.matchAll(TITLE_RE)) {
      const title = m[1] ?? '';
      if (this.titles.at(-1)?.title !== title) this.titles.push({ atMs: Date.now(), title });
      end = (m.index ?? 0) + m[0].length;
    }
    this.carry = s.slice(Math.max(end, s.length - TITLE_CARRY_CHARS));
  }

  get title(): string {
    return this.titles.at(-1)?.title ?? '';
  }

  async screen(): Promise<string> {
    const r = await this.host.request({ type: 'screen', id: this.id });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.text;
  }

  async input(data: string): Promise<void> {
    const r = await this.host.request({ type: 'input', id: this.id, data });
    if (!r.ok) throw new Error(r.error.message);
  }

  /** Text, a short pause, then Enter as its own write: what the CLI needs to see a submit
   * rather than a paste with a newline in it. */
  async submit(text: string, pauseMs = 150): Promise<void> {
    await this.input(text);
    await sleep(pauseMs);
    await this.input('\r');
  }

  /** Polls the rendered screen until `pred` holds; returns that screen. */
  async waitScreen(pred: string | RegExp | ((s: string) => boolean), timeoutMs: number, what?: string): Promise<string> {
    const test = typeof pred === 'function' ? pred : (s: string) => (typeof pred === 'string' ? s.includes(pred) : pred.test(s));
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.screen();
      if (test(last)) return last;
      await sleep(50);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what ?? String(pred)}; screen:\n${last}`);
  }

  waitReady(timeoutMs: number): Promise<string> {
    return this.waitScreen(isReadyScreen, timeoutMs, 'the ready composer');
  }

  dispose(): void {
    this.off();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits until `pred` holds for some received hook; returns it. */
export async function waitHook(receiver: HookReceiver, pred: (h: ReceivedHook) => boolean, timeoutMs: number, what: string): Promise<ReceivedHook> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const hit = receiver.hooks.find(pred);
    if (hit) return hit;
    await sleep(50);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for hook ${what}; got ${receiver.hooks.map((h) => String(h.body.hook_event_name)).join(', ')}`);
}
