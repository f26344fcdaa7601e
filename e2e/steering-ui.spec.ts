import { expect, test } from '@playwright/test';
import { ConsoleApi } from './fixtures/console-api';
import { DashboardPage } from './pages/dashboard-page';

/**
 * Steering in the browser, with the real Claude Code CLI against the scripted model: an
 * agent that claims it is done without writing a file gets a suggestion in the inbox (with
 * its evidence) and a "needs work" badge; accepting the suggestion from the inbox reaches
 * the agent, which fixes the work, and only then is the task verified, with its proof, diff
 * and interventions in the task's details, and in the history. Broadcast reaches several agents at once.
 */
test.describe.configure({ mode: 'serial' });

const CHECK = 'grep -q correct result.txt';
let api: ConsoleApi;
test.beforeEach(async ({ page, request }) => {
  api = new ConsoleApi(request);
  await page.setViewportSize({ width: 1600, height: 1000 });
});
// Remove (not only stop) our tasks and their check panes: specs that run after this one
// count the DAG's nodes and the panes.
test.afterEach(async () => {
  await api.removeEverything();
});

test('a done-claim without files: suggestion in the inbox, accepted from it, then verified with its proof and diff', async ({ page }) => {
  test.setTimeout(180_000);
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.tasks.createTask({ prompt: 'claim-done', agent: 'claude', permission: 'acceptEdits', check: CHECK, name: 'claimer' });
  const task = await api.taskNamed('claimer');

  await dash.details.expectVerification(task.id, 'needs-work', 90_000);
  await expect(dash.details.rowVerification(task.id)).toHaveAttribute('data-state', 'needs-work');
  // The proof says why the check it was given did not run (nothing changed to check).
  await expect(await dash.details.proof(task.id)).toHaveAttribute('data-state', 'needs-work');
  await expect(page.getByTestId(`proof-no-check-${task.id}`)).toContainText(`The check (${CHECK}) did not run`);
  await dash.details.closeTaskDetails();
  await expect(page.getByTestId(`task-row-suggestions-${task.id}`)).toBeVisible();
  await expect(dash.steering.inboxCount()).not.toHaveText('0');

  const id = await dash.steering.waitForSuggestion(task.id, 'unverified-claim');
  await expect(dash.steering.suggestion(id)).toContainText('no file changed');
  await expect(dash.steering.suggestionEvidence(id)).toBeVisible();
  await expect(page.getByTestId(`suggestion-confidence-${id}`)).toHaveText(/\d+%/);
  await expect(page.getByTestId(`suggestion-text-${id}`)).toHaveValue(/done/i);
  await dash.steering.acceptSuggestion(id);
  await expect(dash.steering.suggestion(id)).toHaveAttribute('data-state', 'accepted');
  await expect(dash.steering.suggestionReceipt(id)).toHaveAttribute('data-status', /queued|typed|submitted/);
  // The Send button went with the open card; Escape still closes the inbox.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inbox')).toBeHidden();

  await dash.details.expectVerification(task.id, 'verified', 120_000);
  await dash.tasks.showTasks();
  await expect(dash.details.dagVerification(task.id)).toHaveAttribute('data-state', 'verified');
  await expect(dash.details.rowVerification(task.id)).toHaveAttribute('data-state', 'verified');
  const proof = await dash.details.proof(task.id);
  await expect(proof).toHaveAttribute('data-state', 'verified');
  // What the task is, in the same drawer: its prompt and the folder to go and look at.
  const workspace = (await api.task(task.id)).workspace!;
  await expect(page.getByTestId(`task-details-prompt-${task.id}`)).toHaveText('claim-done');
  await expect(page.getByTestId(`task-details-${task.id}`)).toContainText(workspace.path);
  await expect(page.getByTestId(`proof-file-${task.id}-result.txt`)).toHaveAttribute('data-change', 'added');
  await expect(dash.details.proofExit(task.id)).toHaveAttribute('data-exit-code', '0');
  await expect(page.getByTestId(`proof-command-${task.id}`)).toContainText(CHECK);

  const diff = await dash.details.diff(task.id);
  await expect(diff.getByTestId('diff-file-result.txt')).toBeVisible();
  await expect(diff.locator('tr[data-kind="add"]').first()).toContainText('correct');
  await dash.details.diff(task.id, 'split');
  await expect(diff.locator('td[data-kind="add"]').first()).toBeVisible();

  const timeline = await dash.details.interventions(task.id);
  await expect(timeline.locator('[data-kind="steer"][data-who="person"]')).toHaveCount(1);

  // The history says the same: verified, with the console's reason, not the agent's word.
  await page.goto('/history');
  await expect(page.getByTestId(`history-task-verification-${task.id}`)).toHaveAttribute('data-state', 'verified');
  const filtered = page.waitForResponse((r) => r.url().includes('/api/history/tasks?verification=needs-work') && r.ok());
  await page.getByTestId('history-filter-verification').selectOption('needs-work');
  await filtered;
  await expect(page.getByTestId('history-empty').or(page.locator('[data-testid^="history-task-t-"]').first())).toBeVisible();
  await expect(page.getByTestId(`history-task-${task.id}`)).toBeHidden();
  await page.getByTestId('history-filter-verification').selectOption('verified');
  await page.getByTestId(`history-task-${task.id}`).click();
  await expect(page.getByTestId(`history-verification-${task.id}`)).toHaveAttribute('data-state', 'verified');
  await expect(page.getByTestId(`history-detail-${task.id}`)).toContainText(/1 file changed, check passed \(attempt 2/);
});

test('auto-steer from the details, and one message broadcast to two selected tasks', async ({ page }) => {
  test.setTimeout(150_000);
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.tasks.createTask({ prompt: 'say hello', agent: 'claude', permission: 'acceptEdits', name: 'bc one' });
  await dash.tasks.createTask({ prompt: 'say hello', agent: 'claude', permission: 'acceptEdits', name: 'bc two' });
  const one = await api.taskNamed('bc one');
  const two = await api.taskNamed('bc two');
  await dash.tasks.expectDagState(one.id, 'idle', 90_000);
  await dash.tasks.expectDagState(two.id, 'idle', 90_000);

  await dash.details.setAutoSteer(one.id, true, 90);
  await expect(page.getByTestId(`task-row-auto-steer-on-${one.id}`)).toBeVisible();
  expect((await api.task(one.id)).autoSteer).toEqual({ enabled: true, minConfidence: 0.9 });
  await dash.details.setAutoSteer(one.id, false);
  await dash.details.closeTaskDetails();

  await dash.steering.broadcast([one.id, two.id], 'say broadcast-reached');
  for (const t of [one, two]) await expect(dash.steering.broadcastResult(t.id)).toBeVisible();
  await page.keyboard.press('Escape');
  for (const t of [one, two]) {
    await expect.poll(async () => (await api.task(t.id)).receipts.some((r) => r.text.includes('broadcast-reached')), { timeout: 60_000 }).toBe(true);
  }
  const timeline = await dash.details.interventions(one.id);
  await expect(timeline.locator('[data-kind="broadcast"]')).toHaveCount(1);
});

test('dismiss and snooze from the inbox send nothing; the task list filters by state; turns and tokens in the pane', async ({ page }) => {
  test.setTimeout(150_000);
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.tasks.createTask({ prompt: 'stub-code', agent: 'claude', permission: 'acceptEdits', name: 'stubber' });
  await dash.tasks.createTask({ prompt: 'repeat-error', agent: 'claude', permission: 'acceptEdits', name: 'repeater' });
  const stubber = await api.taskNamed('stubber');
  const repeater = await api.taskNamed('repeater');

  const stub = await dash.steering.waitForSuggestion(stubber.id, 'todo-stubs', 90_000);
  const repeat = await dash.steering.waitForSuggestion(repeater.id, 'repeated-error', 90_000);
  // The top bar's count is the server's count of open suggestions (another rule may add one meanwhile).
  const serverOpen = async () => [...(await api.suggestions(stubber.id)), ...(await api.suggestions(repeater.id))].filter((x) => x.state === 'open').length;
  const countMatchesServer = () => expect.poll(async () => Number(await dash.steering.inboxCount().getAttribute('data-count')) - (await serverOpen())).toBe(0);

  // Dismissed: out of the open list, into the recent decisions, and the count drops.
  await dash.steering.dismissSuggestion(stub);
  await expect(dash.steering.suggestion(stub)).toHaveAttribute('data-state', 'dismissed');
  await expect(page.getByTestId('inbox-recent')).toBeVisible();
  await expect(dash.steering.suggestionCards({ rule: 'todo-stubs', state: 'open' })).toHaveCount(0);
  // Snoozed: folded away under "Snoozed", with the time it comes back.
  await dash.steering.snoozeSuggestion(repeat);
  await expect(dash.steering.suggestion(repeat)).toBeHidden();
  await page.getByTestId('inbox-toggle-snoozed').click();
  await expect(dash.steering.suggestion(repeat)).toHaveAttribute('data-state', 'snoozed');
  await expect(dash.steering.suggestion(repeat)).toContainText(/until \d{1,2}:\d{2}/);

  // The server holds both decisions (a reload shows the same), and neither message reached its agent.
  const stateOf = async (taskId: string, id: string) => (await api.suggestions(taskId)).find((s) => s.id === id)?.state;
  expect(await stateOf(stubber.id, stub)).toBe('dismissed');
  expect(await stateOf(repeater.id, repeat)).toBe('snoozed');
  await countMatchesServer();
  for (const [t, id] of [[stubber, stub], [repeater, repeat]] as const) {
    const message = (await api.suggestions(t.id)).find((x) => x.id === id)?.message ?? '';
    expect(message).not.toBe('');
    expect((await api.task(t.id)).receipts.map((r) => r.text)).not.toContain(message);
  }
  await dash.reload();
  await countMatchesServer();
  await dash.steering.openInbox();
  await page.getByTestId('inbox-toggle-snoozed').click();
  await expect(dash.steering.suggestion(repeat)).toHaveAttribute('data-state', 'snoozed');
  await expect(dash.steering.suggestion(stub)).toHaveAttribute('data-state', 'dismissed');

  // The list's state chips: "idle" keeps both; a task stopped meanwhile leaves the
  // filtered list at once; "all" shows it again.
  await page.keyboard.press('Escape');
  await dash.tasks.expectTaskState(stubber.id, 'idle', 60_000);
  await dash.tasks.expectTaskState(repeater.id, 'idle', 60_000);
  await dash.tasks.filterTasks('idle');
  expect((await dash.tasks.taskListOrder()).sort()).toEqual([stubber.id, repeater.id].sort());
  await api.stopTask(repeater.id);
  await expect(dash.tasks.taskRow(repeater.id)).toBeHidden({ timeout: 30_000 });
  await expect(dash.tasks.taskRow(stubber.id)).toBeVisible();
  await dash.tasks.filterTasks('all');
  await expect(dash.tasks.taskRow(repeater.id)).toBeVisible();

  // What each agent cost so far, from its transcript: one turn (or more) and its tokens.
  await expect(dash.details.usage(stubber.id)).toHaveText(/^\d+ turns?( · [\d.]+[kM]? tokens)?$/);
});
