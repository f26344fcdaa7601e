import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { CreateSessionInput, SessionInfo } from '../../protocol/session';
import { ConsoleApi } from '../fixtures/console-api';
import { E2E } from '../fixtures/e2e-env';
import { bashSession } from '../fixtures/shells';
import { SteeringPanel } from './steering-panel';
import { TaskDetails } from './task-details';
import { TaskPanel } from './task-panel';

/** The dashboard as a person uses it, through data-testid hooks and window.__axiom: the
 * terminal panes here, the task panel, steering and task details in their own objects. */
export class DashboardPage {
  readonly tasks: TaskPanel;
  readonly steering: SteeringPanel;
  readonly details: TaskDetails;

  constructor(readonly page: Page) {
    this.tasks = new TaskPanel(page);
    this.steering = new SteeringPanel(page, this.tasks);
    this.details = new TaskDetails(page, this.tasks);
  }

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

  /** Waits until this page's pane has sized its session and stopped (the first fit runs a
   * moment after the pane opens): a size set by another viewer before that is overridden. */
  async waitForOwnSize(id: string): Promise<void> {
    const sample = async (): Promise<string> => JSON.stringify(await this.terminalSize(id));
    let last = '';
    await expect
      .poll(async () => {
        const now = await sample();
        const stable = now === last;
        last = now;
        return stable;
      }, { intervals: [300] })
      .toBe(true);
  }
}

/** `count` bash sessions named `<prefix>-0`…, the dashboard open on them, every prompt shown. */
export async function openWithShells(page: Page, request: APIRequestContext, prefix: string, count: number): Promise<{ api: ConsoleApi; dash: DashboardPage; ids: string[] }> {
  const api = new ConsoleApi(request);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await api.createSession(bashSession(`${prefix}-${i}`))).id);
  const dash = new DashboardPage(page);
  await dash.open();
  for (const id of ids) await dash.expectBuffer(id, '$ ');
  return { api, dash, ids };
}

/** The start of most terminal specs: one bash session, the dashboard open on it, its prompt shown. */
export async function openWithShell(
  page: Page,
  request: APIRequestContext,
  name: string,
  extra: Partial<CreateSessionInput> = {},
): Promise<{ api: ConsoleApi; dash: DashboardPage; s: SessionInfo }> {
  const api = new ConsoleApi(request);
  const s = await api.createSession(bashSession(name, extra));
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.expectBuffer(s.id, '$ ');
  return { api, dash, s };
}
