import { expect, type Locator, type Page } from '@playwright/test';
import type { TaskPanel } from './task-panel';

/** A task's details drawer (prompt, verification proof, diff, interventions, auto-steer)
 * and its verification and usage badges. */
export class TaskDetails {
  constructor(
    readonly page: Page,
    private readonly tasks: TaskPanel,
  ) {}

  /** Opens the task's details drawer from its list row. */
  async openTaskDetails(taskId: string): Promise<void> {
    if (await this.page.getByTestId(`task-details-${taskId}`).isVisible()) return;
    await this.tasks.showTasks();
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
