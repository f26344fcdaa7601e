import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { E2E } from '../../e2e/fixtures/e2e-env';

/**
 * Debian's Chromium driven over the DevTools pipe with only the Runtime, Page, Emulation
 * and Fetch domains: a page as a person's browser runs it (ADR 0020).
 *
 * Why not Playwright here: Playwright enables the Network domain on every page, and then
 * Chromium base64-encodes every WebSocket frame the page receives into a DevTools event
 * and sends it to the driver. For a 32 MiB stream that is 43 MB of JSON built on the
 * page's own threads, a cost no user pays, which cut the console's measured throughput
 * by about a third. The local ceiling uses no WebSocket, so only the console paid it.
 */
export interface PlainPage {
  /** Runs fn(arg) in the page; fn must be self-contained (it is sent as source). */
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  waitForFunction<A>(fn: (arg: A) => unknown, arg: A, options: { timeout: number; polling: number }): Promise<void>;
  waitForTimeout(ms: number): Promise<void>;
  /** Answers the page's requests for URLs matching the pattern with the body, until unserve. */
  serve(urlPattern: string, body: Buffer): Promise<void>;
  unserve(): Promise<void>;
}

export interface PlainBrowser {
  /** A page on the dashboard, logged in with the token, once its socket is connected. */
  openDashboard(url: string, token: string, viewport?: { width: number; height: number }): Promise<PlainPage>;
  close(): Promise<void>;
}

interface CdpMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** One DevTools pipe: NUL-terminated JSON messages, requests matched to answers by id. */
class CdpPipe {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private readonly listeners: ((m: CdpMessage) => void)[] = [];
  private closed: Error | null = null;

  constructor(
    private readonly out: Writable,
    input: Readable,
  ) {
    let buffered = '';
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      buffered += chunk;
      for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
        this.dispatch(JSON.parse(buffered.slice(0, end)) as CdpMessage);
        buffered = buffered.slice(end + 1);
      }
    });
    input.on('close', () => this.fail(new Error('Chromium closed the DevTools pipe')));
  }

  on(listener: (m: CdpMessage) => void): void {
    this.listeners.push(listener);
  }

  send(method: string, params: object = {}, sessionId?: string): Promise<Record<string, unknown>> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.nextId++;
    this.out.write(`${JSON.stringify({ id, method, params, ...(sessionId === undefined ? {} : { sessionId }) })}\0`);
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  private dispatch(m: CdpMessage): void {
    if (m.id === undefined) {
      for (const l of this.listeners) l(m);
      return;
    }
    const p = this.pending.get(m.id);
    this.pending.delete(m.id);
    if (m.error) p?.reject(new Error(`DevTools: ${m.error.message}`));
    else p?.resolve(m.result ?? {});
  }

  private fail(e: Error): void {
    this.closed = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function launchPlainChromium(): PlainBrowser {
  const profile = mkdtempSync(join(tmpdir(), 'axiom-plain-chromium-'));
  const child: ChildProcess = spawn(
    '/usr/bin/chromium',
    [...E2E.chromiumArgs, '--headless', '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
  return {
    async openDashboard(url, token, viewport = { width: 1600, height: 1000 }) {
      const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
      const page = plainPage(cdp, sessionId);
      await cdp.send('Emulation.setDeviceMetricsOverride', { ...viewport, deviceScaleFactor: 1, mobile: false }, sessionId);
      await cdp.send('Page.navigate', { url: `${url}/?token=${token}` }, sessionId);
      await page.waitForFunction(() => /connected/i.test(document.querySelector('[data-testid="connection-status"]')?.textContent ?? ''), null, { timeout: 30_000, polling: 50 });
      return page;
    },
    async close() {
      const exited = new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
      await cdp.send('Browser.close').catch(() => undefined);
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function plainPage(cdp: CdpPipe, sessionId: string): PlainPage {
  let served: { body: string } | null = null;
  cdp.on((m) => {
    if (m.method !== 'Fetch.requestPaused' || m.sessionId !== sessionId) return;
    const requestId = m.params?.requestId;
    if (served) void cdp.send('Fetch.fulfillRequest', { requestId, responseCode: 200, body: served.body }, sessionId);
    else void cdp.send('Fetch.continueRequest', { requestId }, sessionId);
  });
  const evaluate = async <R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> => {
    // The bench runs under tsx, whose transform may wrap functions in __name(...).
    const expression = `(() => { const __name = (f) => f; return (${fn.toString()})(${JSON.stringify(arg)}); })()`;
    const r = (await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId)) as {
      result: { value: R };
      exceptionDetails?: { exception?: { description?: string }; text: string };
    };
    if (r.exceptionDetails) throw new Error(`in page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value;
  };
  return {
    evaluate,
    async waitForFunction(fn, arg, { timeout, polling }) {
      const deadline = Date.now() + timeout;
      while (!(await evaluate(fn, arg))) {
        if (Date.now() > deadline) throw new Error(`waitForFunction timed out after ${timeout} ms: ${fn.toString().slice(0, 120)}`);
        await sleep(polling);
      }
    },
    waitForTimeout: sleep,
    async serve(urlPattern, body) {
      served = { body: body.toString('base64') };
      await cdp.send('Fetch.enable', { patterns: [{ urlPattern }] }, sessionId);
    },
    async unserve() {
      served = null;
      await cdp.send('Fetch.disable', {}, sessionId);
    },
  };
}
