import { expect, type Locator, type Page } from '@playwright/test';
import type { TaskPanel } from './task-panel';

/** Steering in the page: the suggestions inbox, the rules dialog, broadcast. */
export class SteeringPanel {
  constructor(
    readonly page: Page,
    private readonly tasks: TaskPanel,
  ) {}

  /** The open-suggestion count on the top bar's inbox button (`data-count` holds it too). */
  inboxCount(): Locator {
    return this.page.getByTestId('inbox-count');
  }

  /** Opens the inbox: every task's suggestions, or one task's (its row's count chip). */
  async openInbox(taskId?: string): Promise<void> {
    if (taskId) {
      await this.tasks.showTasks();
      await this.page.getByTestId(`task-row-suggestions-${taskId}`).click();
    } else if (!(await this.page.getByTestId('inbox').isVisible())) {
      await this.page.getByTestId('btn-inbox').click();
    }
    await expect(this.page.getByTestId('inbox')).toBeVisible();
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

  /** Ticks the tasks in the list, then "Steer selected" → message → send. */
  async broadcast(taskIds: string[], text: string, opts: { now?: boolean } = {}): Promise<void> {
    await this.tasks.showTasks();
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
}
