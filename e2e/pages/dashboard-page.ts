import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { CreateSessionInput, SessionInfo } from '../../protocol/session';
import { ConsoleApi } from '../fixtures/console-api';
import { E2E } from '../fixtures/e2e-env';
import { bashSession } from '../fixtures/shells';

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

  // --- Tasks -------------------------------------------------------------------------

  /** Opens the new-task dialog, fills it and submits; resolves once the dialog closed. */
  async createTask(opts: {
    prompt: string;
    agent?: 'claude' | 'codex' | 'gemini' | 'aider' | 'shell';
    cwd?: string;
    workspace?: 'auto' | 'in-place';
    check?: string;
    permission?: 'default' | 'acceptEdits';
    name?: string;
    command?: string;
  }): Promise<void> {
    await this.page.getByTestId('btn-new-task').click();
    await this.fillTaskDialog(opts);
    await this.page.getByTestId('new-task-submit').click();
    await expect(this.page.getByTestId('new-task-dialog')).toBeHidden();
  }

  /** "+ Child" on a task's row: the dialog opens with that parent preselected. */
  async createChildTask(parentId: string, opts: Parameters<DashboardPage['createTask']>[0]): Promise<void> {
    await this.showTasks();
    await this.page.getByTestId(`task-add-child-${parentId}`).click();
    await expect(this.page.getByTestId('new-task-parent')).toHaveValue(parentId);
    await this.fillTaskDialog(opts);
    await this.page.getByTestId('new-task-submit').click();
    await expect(this.page.getByTestId('new-task-dialog')).toBeHidden();
  }

  private async fillTaskDialog(opts: Parameters<DashboardPage['createTask']>[0]): Promise<void> {
    await expect(this.page.getByTestId('new-task-dialog')).toBeVisible();
    await this.page.getByTestId('new-task-prompt').fill(opts.prompt);
    if (opts.agent) await this.page.getByTestId('new-task-agent').selectOption(opts.agent);
    if (opts.cwd) await this.page.getByTestId('new-task-cwd').fill(opts.cwd);
    if (opts.workspace) await this.page.getByTestId('new-task-workspace').selectOption(opts.workspace);
    if (opts.check) await this.page.getByTestId('new-task-check').fill(opts.check);
    if (opts.permission) await this.page.getByTestId('new-task-permission').selectOption(opts.permission);
    if (opts.name) await this.page.getByTestId('new-task-name').fill(opts.name);
    if (opts.command) await this.page.getByTestId('new-task-command').fill(opts.command);
  }

  /** Hides the tasks panel (it takes part of the width while tasks exist). */
  async hideTasks(): Promise<void> {
    const toggle = this.page.getByTestId('btn-toggle-tasks');
    if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click();
    await expect(this.page.getByTestId('task-panel')).toBeHidden();
  }

  /** Shows the tasks panel (DAG and list) if it is hidden. */
  async showTasks(): Promise<void> {
    const toggle = this.page.getByTestId('btn-toggle-tasks');
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    await expect(this.page.getByTestId('task-panel')).toBeVisible();
  }

  dag(): Locator {
    return this.page.getByTestId('dag');
  }

  dagNode(taskId: string): Locator {
    return this.page.getByTestId(`task-${taskId}`);
  }

  /** The parent→child edge. Assert with toHaveCount/toBeAttached: a vertical edge has a zero-width box. */
  dagEdge(parentId: string, childId: string): Locator {
    return this.page.getByTestId(`dag-edge-${parentId}-${childId}`);
  }

  async expectDagState(taskId: string, state: string, timeout = 15_000): Promise<void> {
    await expect(this.dagNode(taskId)).toHaveAttribute('data-state', state, { timeout });
  }

  taskRow(taskId: string): Locator {
    return this.page.getByTestId(`task-row-${taskId}`);
  }

  /** Task ids in list order (who-needs-me first), as the list shows them now. */
  async taskListOrder(): Promise<string[]> {
    const ids = await this.page.locator('li[data-testid^="task-row-"]').evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-testid') ?? ''),
    );
    return ids.map((id) => id.slice('task-row-'.length));
  }

  async filterTasks(filter: string): Promise<void> {
    await this.showTasks();
    await this.page.getByTestId(`task-filter-${filter}`).click();
  }

  /** The task badge in the header of the task's pane (`data-state` holds the state). */
  taskState(taskId: string): Locator {
    return this.page.getByTestId(`task-state-${taskId}`);
  }

  async expectTaskState(taskId: string, state: string, timeout = 15_000): Promise<void> {
    await expect(this.taskState(taskId)).toHaveAttribute('data-state', state, { timeout });
  }

  taskSignal(taskId: string): Locator {
    return this.page.getByTestId(`task-signal-${taskId}`);
  }

  /** Answers a waiting task from its pane header: yes, yes-all or no. */
  async approve(taskId: string, choice: 'yes' | 'yes-all' | 'no' = 'yes'): Promise<void> {
    const testId = { yes: `btn-approve-${taskId}`, 'yes-all': `btn-approve-all-${taskId}`, no: `btn-deny-${taskId}` }[choice];
    await this.page.getByTestId(testId).click();
  }

  /** Sends a prompt from the task's pane (queued by default, typed at once with now). */
  async promptTask(taskId: string, text: string, opts: { now?: boolean } = {}): Promise<void> {
    const now = this.page.getByTestId(`task-prompt-now-${taskId}`);
    if (opts.now) await now.check();
    else await now.uncheck();
    await this.page.getByTestId(`task-prompt-input-${taskId}`).fill(text);
    await this.page.getByTestId(`task-prompt-send-${taskId}`).click();
  }

  /** The receipt of the last prompt (`data-status`: queued, typed, submitted or failed). */
  taskReceipt(taskId: string): Locator {
    return this.page.getByTestId(`task-receipt-${taskId}`);
  }

  // --- Arbitration (a person's claim on a task pane) -----------------------------------

  claimButton(sessionId: string): Locator {
    return this.page.getByTestId(`btn-claim-${sessionId}`);
  }

  /** Presses the pane's claim toggle and waits until the server's hold flips it. */
  async setClaim(sessionId: string, claimed: boolean): Promise<void> {
    const button = this.claimButton(sessionId);
    await expect(button).toHaveAttribute('aria-pressed', String(!claimed));
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', String(claimed));
  }

  /** The strip's "N prompts held while you …" line (present only while prompts wait for you). */
  taskHeld(taskId: string): Locator {
    return this.page.getByTestId(`task-held-${taskId}`);
  }

  /** Row actions; the subtree variants and Remove are in the row's "⋯" menu. */
  async taskAction(taskId: string, action: 'interrupt' | 'interrupt-subtree' | 'stop' | 'stop-only' | 'remove'): Promise<void> {
    await this.showTasks();
    if (action === 'interrupt' || action === 'stop') {
      await this.page.getByTestId(`task-${action}-${taskId}`).click();
      return;
    }
    await this.page.getByTestId(`task-menu-${taskId}`).click();
    await this.page.getByTestId(`task-${action}-${taskId}`).click();
  }

  waitingBadge(): Locator {
    return this.page.getByTestId('waiting-badge');
  }

  // --- Steering: suggestions inbox, broadcast, auto-steer ------------------------------

  /** The open-suggestion count on the top bar's inbox button (`data-count` holds it too). */
  inboxCount(): Locator {
    return this.page.getByTestId('inbox-count');
  }

  /** Opens the inbox: every task's suggestions, or one task's (its row's count chip). */
  async openInbox(taskId?: string): Promise<void> {
    if (taskId) {
      await this.showTasks();
      await this.page.getByTestId(`task-row-suggestions-${taskId}`).click();
    } else if (!(await this.page.getByTestId('inbox').isVisible())) {
      await this.page.getByTestId('btn-inbox').click();
    }
    await expect(this.page.getByTestId('inbox')).toBeVisible();
  }

  async closeInbox(): Promise<void> {
    await this.page.getByTestId('btn-close-inbox').click();
    await expect(this.page.getByTestId('inbox')).toBeHidden();
  }

  /** Opens the steering rules dialog from the inbox; resolves once the rules are loaded. */
  async openSteeringRules(): Promise<Locator> {
    await this.openInbox();
    await this.page.getByTestId('btn-steering-rules').click();
    const dialog = this.page.getByTestId('steering-rules');
    await expect(dialog.getByTestId('rule-planning-without-code')).toBeVisible();
    return dialog;
  }

  /** Edits one rule in the open rules dialog: only the fields given. */
  async editSteeringRule(rule: string, edit: { enabled?: boolean; thresholds?: Record<string, number | string>; message?: string }): Promise<void> {
    if (edit.enabled !== undefined) await this.page.getByTestId(`rule-enabled-${rule}`).setChecked(edit.enabled);
    for (const [key, value] of Object.entries(edit.thresholds ?? {})) await this.page.getByTestId(`rule-threshold-${rule}-${key}`).fill(String(value));
    if (edit.message !== undefined) await this.page.getByTestId(`rule-message-${rule}`).fill(edit.message);
  }

  /** Saves the rules dialog and waits for the server to confirm. */
  async saveSteeringRules(): Promise<void> {
    await this.page.getByTestId('steering-rules-save').click();
    await expect(this.page.getByTestId('steering-rules-saved')).toBeVisible();
  }

  /** A suggestion's card (`data-state`, `data-rule`, `data-task-id`). */
  suggestion(id: string): Locator {
    return this.page.getByTestId(`suggestion-${id}`);
  }

  /** Cards in the inbox, optionally only those of one rule or task. */
  suggestionCards(filter: { rule?: string; taskId?: string; state?: string } = {}): Locator {
    let sel = 'article[data-testid^="suggestion-"]';
    if (filter.rule) sel += `[data-rule="${filter.rule}"]`;
    if (filter.taskId) sel += `[data-task-id="${filter.taskId}"]`;
    if (filter.state) sel += `[data-state="${filter.state}"]`;
    return this.page.locator(sel);
  }

  /** Waits for an open suggestion of `rule` on a task and returns its id. */
  async waitForSuggestion(taskId: string, rule: string, timeout = 30_000): Promise<string> {
    await this.openInbox();
    const card = this.suggestionCards({ rule, taskId, state: 'open' }).first();
    await expect(card).toBeVisible({ timeout });
    return ((await card.getAttribute('data-testid')) ?? '').slice('suggestion-'.length);
  }

  suggestionEvidence(id: string): Locator {
    return this.page.getByTestId(`suggestion-evidence-${id}`);
  }

  /** Accept (send) a suggestion; with `text`, edit the proposed message first. */
  async acceptSuggestion(id: string, text?: string): Promise<void> {
    if (text !== undefined) await this.page.getByTestId(`suggestion-text-${id}`).fill(text);
    await this.page.getByTestId(`suggestion-accept-${id}`).click();
  }

  async dismissSuggestion(id: string): Promise<void> {
    await this.page.getByTestId(`suggestion-dismiss-${id}`).click();
  }

  async snoozeSuggestion(id: string): Promise<void> {
    await this.page.getByTestId(`suggestion-snooze-${id}`).click();
  }

  /** After accept: the message's receipt (`data-status`: queued, typed, submitted or failed). */
  suggestionReceipt(id: string): Locator {
    return this.page.getByTestId(`suggestion-receipt-${id}`);
  }

  /** The "auto" badge of a suggestion applied by auto-steer. */
  suggestionAutoBadge(id: string): Locator {
    return this.page.getByTestId(`suggestion-auto-${id}`);
  }

  /** Ticks the tasks in the list, then "Steer selected" → message → send. */
  async broadcast(taskIds: string[], text: string, opts: { now?: boolean } = {}): Promise<void> {
    await this.showTasks();
    for (const id of taskIds) await this.page.getByTestId(`task-select-${id}`).check();
    await this.page.getByTestId('btn-broadcast').click();
    await expect(this.page.getByTestId('broadcast-dialog')).toBeVisible();
    await this.page.getByTestId('broadcast-text').fill(text);
    if (opts.now) await this.page.getByTestId('broadcast-now').check();
    await this.page.getByTestId('broadcast-send').click();
    await expect(this.page.getByTestId('broadcast-result')).toBeVisible();
  }

  /** Per task, the outcome of the last broadcast (`data-outcome`). */
  broadcastResult(taskId: string): Locator {
    return this.page.getByTestId(`broadcast-result-${taskId}`);
  }

  // --- Task details: verification proof, diff, interventions, usage --------------------

  /** Opens the task's details drawer from its list row. */
  async openTaskDetails(taskId: string): Promise<void> {
    if (await this.page.getByTestId(`task-details-${taskId}`).isVisible()) return;
    await this.showTasks();
    // The row re-renders on every task update (state, verification); a click that lands on
    // a row being replaced is retried rather than failing the test.
    await expect(async () => {
      await this.page.getByTestId(`task-row-details-${taskId}`).click();
      await expect(this.page.getByTestId(`task-details-${taskId}`)).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 15_000 });
  }

  async closeTaskDetails(): Promise<void> {
    await this.page.getByTestId('btn-close-task-details').click();
  }

  /** Turns the task's auto-steer policy on or off (threshold in percent, 0–100). */
  async setAutoSteer(taskId: string, enabled: boolean, thresholdPercent?: number): Promise<void> {
    await this.openTaskDetails(taskId);
    if (thresholdPercent !== undefined) await this.page.getByTestId(`task-auto-steer-threshold-${taskId}`).fill(String(thresholdPercent));
    const box = this.page.getByTestId(`task-auto-steer-${taskId}`);
    if ((await box.isChecked()) !== enabled) await box.click();
    await expect(box).toBeChecked({ checked: enabled });
  }

  /** The verification badge in the task's pane (`data-state`: pending, checking, verified, needs-work). */
  verification(taskId: string): Locator {
    return this.page.getByTestId(`task-verification-${taskId}`);
  }

  /** The same badge on the task's list row and DAG node. */
  rowVerification(taskId: string): Locator {
    return this.page.getByTestId(`task-row-verification-${taskId}`);
  }

  dagVerification(taskId: string): Locator {
    return this.page.getByTestId(`dag-verification-${taskId}`);
  }

  async expectVerification(taskId: string, state: 'pending' | 'checking' | 'verified' | 'needs-work', timeout = 60_000): Promise<void> {
    await expect(this.verification(taskId)).toHaveAttribute('data-state', state, { timeout });
  }

  /** The proof panel in the task's details (`data-state` once loaded). */
  async proof(taskId: string): Promise<Locator> {
    await this.openTaskDetails(taskId);
    const proof = this.page.getByTestId(`proof-${taskId}`);
    await expect(proof).not.toHaveAttribute('data-loading', '');
    return proof;
  }

  /** The check's output tail (<pre>) and exit code in the proof. */
  proofOutput(taskId: string): Locator {
    return this.page.getByTestId(`proof-output-${taskId}`);
  }

  proofExit(taskId: string): Locator {
    return this.page.getByTestId(`proof-exit-${taskId}`);
  }

  /** Loads and returns the diff view of the task's workspace (`data-files` = file count). */
  async diff(taskId: string, mode: 'unified' | 'split' = 'unified'): Promise<Locator> {
    await this.openTaskDetails(taskId);
    const diff = this.page.getByTestId(`diff-${taskId}`);
    if (!(await diff.isVisible())) await this.page.getByTestId(`btn-diff-${taskId}`).click();
    await expect(diff).toHaveAttribute('data-status', 'ready');
    await this.page.getByTestId(`diff-mode-${mode}-${taskId}`).click();
    return diff;
  }

  /** The task's interventions timeline (items `intervention-<id>` with data-kind, data-who). */
  async interventions(taskId: string): Promise<Locator> {
    await this.openTaskDetails(taskId);
    return this.page.getByTestId(`interventions-${taskId}`);
  }

  /** Turns and tokens in the task's pane ("3 turns · 12.3k tokens"). */
  usage(taskId: string): Locator {
    return this.page.getByTestId(`task-usage-${taskId}`);
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
