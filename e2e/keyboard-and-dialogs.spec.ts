import { expect, test } from '@playwright/test';
import { ConsoleApi } from './fixtures/console-api';
import { bashSession } from './fixtures/shells';
import { DashboardPage } from './pages/dashboard-page';

/**
 * Keyboard and pointer basics of the dashboard's overlays: a dialog keeps its form when a
 * text selection ends on the backdrop, a popover closes on Escape without also restoring a
 * maximized pane and gives focus back to its button, and a drawer takes focus when it opens
 * so Escape closes it at once.
 */
let api: ConsoleApi;
test.beforeEach(async ({ page, request }) => {
  api = new ConsoleApi(request);
  await api.removeEverything();
  await page.setViewportSize({ width: 1600, height: 1000 });
});
test.afterEach(async () => {
  await api.removeEverything();
});

test('a selection dragged out of a field onto the backdrop keeps the dialog open; a click on the backdrop closes it', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  await page.getByTestId('btn-new-session').click();
  const dialog = page.getByTestId('new-session-dialog');
  const field = page.getByTestId('new-session-command');
  await field.fill('bash --norc');
  const box = (await field.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(8, 8, { steps: 5 });
  await page.mouse.up();
  await expect(dialog).toBeVisible();
  await expect(field).toHaveValue('bash --norc');

  await page.mouse.click(8, 8);
  await expect(dialog).toBeHidden();
});

test("a task's menu has a name, closes on Escape and gives the keyboard back to its button", async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  const { id } = await api.createTask({ prompt: 'echo ready', agent: 'shell', name: 'menu task' });
  await dash.tasks.showTasks();
  const menuButton = page.getByRole('button', { name: 'More actions for menu task' });
  await expect(menuButton).toHaveAttribute('data-testid', `task-menu-${id}`);
  await menuButton.click();
  const menu = page.getByRole('menu', { name: 'More actions for menu task' });
  await expect(menu).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();
});

test('Escape closes the shortcuts popover only, not the maximized pane behind it', async ({ page }) => {
  const s = await api.createSession(bashSession('maximized'));
  const dash = new DashboardPage(page);
  await dash.open();
  const maximize = page.getByTestId(`btn-maximize-${s.id}`);
  await maximize.click();
  await expect(maximize).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('btn-shortcuts').click();
  await expect(page.getByTestId('shortcuts-help')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-help')).toBeHidden();
  await expect(page.getByTestId('btn-shortcuts')).toBeFocused();
  await expect(maximize).toHaveAttribute('aria-pressed', 'true');
  // A second Escape, outside any terminal, restores the pane as before.
  await page.keyboard.press('Escape');
  await expect(maximize).toHaveAttribute('aria-pressed', 'false');
});

test('the inbox takes focus when opened, so Escape closes it at once and focus returns to its button', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  await page.getByTestId('btn-inbox').click();
  await expect(page.getByTestId('inbox')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inbox')).toBeHidden();
  await expect(page.getByTestId('btn-inbox')).toBeFocused();
});
