import type { Page } from '@playwright/test';

/**
 * Keystroke-to-echo latency as the user sees it: from the key's keydown in the pane's
 * xterm to the first parsed write of that terminal after it (the echo), both timed in
 * the page. Keys are real CDP key presses into the focused terminal.
 */
export async function installEchoProbe(page: Page, id: string): Promise<void> {
  await page.evaluate((sid) => {
    const t = window.__axiom!.terminals[sid]!;
    const state = { t0: 0, samples: [] as number[], waiters: [] as Array<{ n: number; resolve: () => void }> };
    window.__benchEcho = { ...(window.__benchEcho ?? {}), [sid]: state };
    t.textarea!.addEventListener('keydown', () => { state.t0 = performance.now(); }, true);
    t.onWriteParsed(() => {
      if (state.t0 > 0) {
        state.samples.push(performance.now() - state.t0);
        state.t0 = 0;
        const ready = state.waiters.filter((w) => w.n <= state.samples.length);
        state.waiters = state.waiters.filter((w) => w.n > state.samples.length);
        for (const w of ready) w.resolve();
      }
    });
  }, id);
}

export async function focusTerminal(page: Page, id: string): Promise<void> {
  await page.getByTestId(`terminal-${id}`).click();
  await page.waitForFunction((sid) => document.activeElement === window.__axiom?.terminals[sid]?.textarea, id);
}

/** Keys typed before measuring: the first few keystrokes of a page pay one-time costs (JIT,
 * first renders of the pane, socket buffers) and measured 10-20 ms, which is not the
 * steady latency a person typing sees. They are typed but not counted. */
export const ECHO_WARMUP_KEYS = 10;

/** How a key is typed. `press`: key-down and key-up back to back (Playwright's press), so
 * the key-up reaches the page while the echo is on its way. `held`: the key-up is sent
 * after the echo, as when a person holds a key for tens of milliseconds; the difference
 * is what a key-up in the echo window costs. */
export type KeyStroke = 'press' | 'held';

/** Presses `count` keys one at a time (after ECHO_WARMUP_KEYS unmeasured ones), each after
 * the previous echo arrived plus a short human-like gap, and returns the latencies in ms.
 * Enter every 50 keys keeps the line short. */
export async function measureEcho(page: Page, id: string, count: number, gapMs = 15, stroke: KeyStroke = 'press'): Promise<number[]> {
  await focusTerminal(page, id);
  const start = await page.evaluate((sid) => window.__benchEcho![sid]!.samples.length, id);
  for (let i = 0; i < count + ECHO_WARMUP_KEYS; i++) {
    const key = i % 50 === 49 ? 'Enter' : String.fromCharCode(97 + (i % 26));
    // Waits in the page for the sample, event-driven: a polling wait would keep a timer
    // firing every millisecond in the very page being measured.
    const sampled = waitForSample(page, id, start + i + 1);
    if (stroke === 'press') {
      await page.keyboard.press(key);
      await sampled;
    } else {
      await page.keyboard.down(key);
      await sampled;
      await page.keyboard.up(key);
    }
    if (gapMs > 0) await page.waitForTimeout(gapMs);
  }
  return page.evaluate(([sid, from]) => window.__benchEcho![sid as string]!.samples.slice(from as number), [id, start + ECHO_WARMUP_KEYS] as const);
}

function waitForSample(page: Page, id: string, n: number): Promise<void> {
  return page.evaluate(
    ([sid, count]) =>
      new Promise<void>((resolve, reject) => {
        const st = window.__benchEcho![sid as string]!;
        if (st.samples.length >= (count as number)) return resolve();
        st.waiters.push({ n: count as number, resolve });
        setTimeout(() => reject(new Error('no echo within 5 s')), 5000);
      }),
    [id, n] as const,
  );
}

/** One echo probe that gives up after `timeoutMs`, returning the latency or Infinity. */
export async function probeEchoOnce(page: Page, id: string, timeoutMs: number): Promise<number> {
  const before = await page.evaluate((sid) => window.__benchEcho![sid]!.samples.length, id);
  await page.keyboard.press('x');
  try {
    await page.waitForFunction(
      ([sid, n]) => window.__benchEcho![sid as string]!.samples.length > (n as number),
      [id, before] as const,
      { timeout: timeoutMs, polling: 5 },
    );
  } catch {
    // A timeout is the measurement here: no echo within the limit.
    await page.evaluate((sid) => { window.__benchEcho![sid]!.t0 = 0; }, id);
    return Number.POSITIVE_INFINITY;
  }
  return page.evaluate((sid) => window.__benchEcho![sid]!.samples.at(-1)!, id);
}
