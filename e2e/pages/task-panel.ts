import { expect, type Locator, type Page } from '@playwright/test';

/** What the new-task dialog is filled with. */
export interface TaskDialogInput {
  prompt: string;
  agent?: 'claude' | 'codex' | 'gemini' | 'aider' | 'shell';
  cwd?: string;
  workspace?: 'auto' | 'in-place';
  check?: string;
  permission?: 'default' | 'acceptEdits';
  name?: string;
  command?: string;
}

/** The tasks panel (DAG and list), the task badges and actions in the panes, and a
 * person's claim on a task pane. */
export class TaskPanel {
  constructor(readonly page: Page) {}

  /** Opens the new-task dialog, fills it and submits; resolves once the dialog closed. */
  async createTask(opts: TaskDialogInput): Promise<void> {
    await this.page.getByTestId('btn-new-task').click();
    await this.fillTaskDialog(opts);
    await this.page.getByTestId('new-task-submit').click();
    await expect(this.page.getByTestId('new-task-dialog')).toBeHidden();
  }

  /** "+ Child" on a task's row: the dialog opens with that parent preselected. */
  async createChildTask(parentId: string, opts: TaskDialogInput): Promise<void> {
    await this.showTasks();
    await this.page.getByTestId(`task-add-child-${parentId}`).click();
    await expect(this.page.getByTestId('new-task-parent')).toHaveValue(parentId);
    await this.fillTaskDialog(opts);
    await this.page.getByTestId('new-task-submit').click();
    await expect(this.page.getByTestId('new-task-dialog')).toBeHidden();
  }

  private async fillTaskDialog(opts: TaskDialogInput): Promise<void> {
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
}
