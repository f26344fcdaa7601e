import { chromium, type Browser, type Page } from '@playwright/test';
import { E2E } from '../../e2e/fixtures/e2e-env';

/** Debian's Chromium, headless, with the flags these machines need (see e2e-env). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: E2E.chromiumArgs });
}

/** A fresh browser context (its own renderer process) logged in with the token. */
export async function openDashboard(browser: Browser, url: string, token: string, viewport = { width: 1600, height: 1000 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${url}/?token=${token}`);
  await page.getByTestId('connection-status').filter({ hasText: /connected/i }).waitFor();
  return page;
}

/** What waitForTerminal needs of a page: a Playwright Page and a PlainPage both have it. */
interface PollingPage {
  waitForFunction(fn: (sid: string) => unknown, arg: string, options: { timeout: number; polling: number }): Promise<unknown>;
}

/** Wait until the dashboard has a live xterm for the session. */
export async function waitForTerminal(page: PollingPage, id: string, timeoutMs = 15_000): Promise<void> {
  await page.waitForFunction((sid) => !!window.__axiom?.terminals?.[sid], id, { timeout: timeoutMs, polling: 50 });
}

/** Wait until the pane's buffer contains the text. */
export async function waitForText(page: Page, id: string, text: string, timeoutMs = 15_000): Promise<void> {
  await page.waitForFunction(
    ([sid, needle]) => {
      const t = window.__axiom?.terminals?.[sid!];
      if (!t) return false;
      const b = t.buffer.active;
      for (let i = 0; i < b.length; i++) if (b.getLine(i)?.translateToString(true).includes(needle!)) return true;
      return false;
    },
    [id, text] as const,
    { timeout: timeoutMs, polling: 50 },
  );
}
