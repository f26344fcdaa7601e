import { expect, type Locator, type Page } from '@playwright/test';
import { E2E } from '../fixtures/e2e-env';

/** The dashboard as a person uses it, through data-testid hooks and window.__axiom. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  /** Opens the console the way a user does: the printed URL with the token, which the
   * server trades for a cookie and strips from the address bar. */
  async open(): Promise<void> {
    await this.page.goto(`/?token=${E2E.token}`);
    await expect(this.page).not.toHaveURL(/token=/);
    await expect(this.page.getByTestId('connection-status')).toHaveText(/connected/i);
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await expect(this.page.getByTestId('connection-status')).toHaveText(/connected/i);
  }

  pane(id: string): Locator {
    return this.page.getByTestId(`pane-${id}`);
  }

  status(id: string): Locator {
    return this.page.getByTestId(`pane-status-${id}`);
  }

  /** Click into the terminal so it has keyboard focus, then wait until xterm owns focus. */
  async focusTerminal(id: string): Promise<void> {
    await this.page.getByTestId(`terminal-${id}`).click();
    await expect
      .poll(() => this.page.evaluate((sid) => {
        const t = window.__axiom?.terminals?.[sid];
        return !!t && !!t.textarea && document.activeElement === t.textarea;
      }, id))
      .toBe(true);
  }

  async typeInto(id: string, text: string): Promise<void> {
    await this.focusTerminal(id);
    await this.page.keyboard.type(text);
  }

  /** The pane's xterm buffer (active screen plus scrollback) as plain text. */
  async bufferText(id: string): Promise<string> {
    return this.page.evaluate((sid) => {
      const t = window.__axiom?.terminals?.[sid];
      if (!t) return '';
      const b = t.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
      return lines.join('\n');
    }, id);
  }

  async expectBuffer(id: string, pattern: RegExp | string, timeout = 10_000): Promise<void> {
    await expect
      .poll(async () => {
        const text = await this.bufferText(id);
        return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
      }, { timeout })
      .toBe(true);
  }

  async terminalSize(id: string): Promise<{ cols: number; rows: number }> {
    return this.page.evaluate((sid) => {
      const t = window.__axiom?.terminals?.[sid];
      return { cols: t?.cols ?? 0, rows: t?.rows ?? 0 };
    }, id);
  }
}
