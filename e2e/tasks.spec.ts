import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ConsoleApi } from './fixtures/console-api';
import { DashboardPage } from './pages/dashboard-page';

/**
 * Agents and tasks in the browser, with the real Claude Code CLI against the console's
 * built-in scripted model: a parent and two children from the UI, drawn as a DAG; a
 * permission prompt approved from the pane; an interrupt from the task's button; a prompt
 * queued while busy and delivered after; a wide tree drawn left to right; a generic
 * (non-Claude) agent.
 */
test.describe.configure({ mode: 'serial' });

let api: ConsoleApi;
test.beforeEach(async ({ page, request }) => {
  api = new ConsoleApi(request);
  await page.setViewportSize({ width: 1600, height: 1000 });
});
// Leave no task behind: later specs measure the layout, and the tasks panel takes space.
test.afterEach(async () => {
  await api.removeAllTasks();
});

test('a parent and two children spawned from the UI run, go busy then idle, and the DAG shows them', async ({ page }) => {
  test.setTimeout(150_000);
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.tasks.createTask({ prompt: 'think:3', agent: 'claude', permission: 'acceptEdits', name: 'dag parent' });
  const parent = await api.taskNamed('dag parent');
  await dash.tasks.showTasks();
  await dash.tasks.expectDagState(parent.id, 'busy', 60_000);
  await dash.tasks.createChildTask(parent.id, { prompt: 'think:2', agent: 'claude', permission: 'acceptEdits', name: 'dag child one' });
  await dash.tasks.createChildTask(parent.id, { prompt: 'say hello', agent: 'claude', permission: 'acceptEdits', name: 'dag child two' });
  const kids = [await api.taskNamed('dag child one'), await api.taskNamed('dag child two')];
  for (const kid of kids) {
    await expect(dash.tasks.dagNode(kid.id)).toBeVisible();
    await expect(dash.tasks.dagEdge(parent.id, kid.id)).toHaveCount(1);
  }
  await expect(page.locator('[data-testid^="task-t-"][data-state]')).toHaveCount(3);
  for (const t of [parent, ...kids]) await dash.tasks.expectDagState(t.id, 'idle', 90_000);
  await expect(dash.tasks.dagEdge(kids[0]?.id ?? '', parent.id)).toHaveCount(0);
  // The pane of each task shows it, and which signal decided its state: one the CLI gave,
  // not the silence fallback. Which of them changed last is a race (on a loaded machine
  // the transcript's end of turn was read after the Stop hook).
  await dash.tasks.expectTaskState(parent.id, 'idle');
  await expect(dash.tasks.taskSignal(parent.id)).toHaveText(/hook|transcript|title|screen/);
  expect((await api.task(parent.id)).children).toEqual(kids.map((k) => k.id));
});

test('a Write under default permissions waits; Approve in the pane makes the file appear on disk', async ({ page }) => {
  test.setTimeout(120_000);
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.tasks.createTask({ prompt: 'please write:approved-in-browser.txt', agent: 'claude', permission: 'default', name: 'writer' });
  const task = await api.taskNamed('writer');
  await dash.tasks.expectTaskState(task.id, 'waiting', 60_000);
  await expect(page.getByTestId(`task-question-${task.id}`)).toContainText('Do you want to create approved-in-browser.txt?');
  await expect(dash.tasks.waitingBadge()).toHaveText('1');
  // The waiting cues draw the eye, then rest: an animation that runs forever keeps a frame
  // pending, and Chromium then holds back every keystroke's echo until that frame (ADR 0014).
  await expect
    .poll(() =>
      page.evaluate(() =>
        document
          .getAnimations()
          .filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations === Infinity)
          .map((a) => (a instanceof CSSAnimation ? a.animationName : a.constructor.name)),
      ),
    )
    .toEqual([]);
  const file = join((await api.task(task.id)).workspace?.path ?? '', 'approved-in-browser.txt');
  expect(existsSync(file)).toBe(false);
  // The question floats over the terminal: the agent's screen keeps its size (a resize as
  // it asks, and again once answered, would make it redraw its prompt).
  const sessionId = (await api.task(task.id)).sessionId!;
  const rows = () => page.evaluate((id) => window.__axiom!.terminals[id]!.rows, sessionId);
  const rowsWhileWaiting = await rows();
  await dash.tasks.approve(task.id, 'yes');
  await expect.poll(() => existsSync(file), { timeout: 20_000 }).toBe(true);
  expect(readFileSync(file, 'utf8')).toContain('Hello from the scripted model.');
  await dash.tasks.expectTaskState(task.id, 'idle', 30_000);
  await expect(dash.tasks.waitingBadge()).toHaveCount(0);
  expect(await rows()).toBe(rowsWhileWaiting);
});

test('a long turn is interrupted from the button: the pane shows the CLI’s message and the task is idle; a queued prompt is delivered after', async ({ page }) => {
  test.setTimeout(150_000);
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.tasks.createTask({ prompt: 'slow', agent: 'claude', permission: 'acceptEdits', name: 'long turn' });
  const task = await api.taskNamed('long turn');
  await dash.tasks.expectTaskState(task.id, 'busy', 60_000);
  const sessionId = (await api.task(task.id)).sessionId ?? '';
  await dash.expectBuffer(sessionId, /Step 002 of/, 30_000);
  // Sent while busy: it waits in the queue.
  await dash.tasks.promptTask(task.id, 'say hello after the interrupt');
  await expect(dash.tasks.taskReceipt(task.id)).toHaveAttribute('data-status', 'queued');
  await expect(page.getByTestId(`task-queue-${task.id}`)).toBeVisible();
  await dash.tasks.taskAction(task.id, 'interrupt');
  await dash.expectBuffer(sessionId, /Interrupted · What should Claude do instead\?/, 15_000);
  // Idle again, the queued prompt goes in and is answered.
  await dash.expectBuffer(sessionId, /Hello from the scripted model\./, 60_000);
  await expect(dash.tasks.taskReceipt(task.id)).toHaveAttribute('data-status', 'submitted', { timeout: 30_000 });
  await dash.tasks.expectTaskState(task.id, 'idle', 30_000);
});

test('a parent with three children is drawn left to right in the side panel, so its nodes stay readable', async ({ page }) => {
  test.setTimeout(60_000);
  const dash = new DashboardPage(page);
  await dash.open();
  const shellTask = (name: string, parentId?: string) => api.createTask({ agent: 'shell', prompt: 'sleep 60', name, ...(parentId ? { parentId } : {}) });
  const parent = await shellTask('fan-out parent');
  const kids = [await shellTask('fan-out one', parent.id), await shellTask('fan-out two', parent.id), await shellTask('fan-out three', parent.id)];
  for (const kid of kids) await expect(dash.tasks.dagEdge(parent.id, kid.id)).toHaveCount(1);
  // Top-down, three 232 px nodes side by side (736 px) would be drawn at half size in
  // this panel; left to right they fit at about three quarters.
  await expect(dash.tasks.dag().locator('.react-flow')).toHaveAttribute('data-direction', 'LR');
  await expect.poll(async () => (await dash.tasks.dagNode(parent.id).boundingBox())?.width ?? 0).toBeGreaterThan(0.65 * 232);
  const boxes = await Promise.all([parent, ...kids].map(async (t) => (await dash.tasks.dagNode(t.id).boundingBox())!));
  const [p, ...k] = boxes;
  for (const b of k) expect(b.x).toBeGreaterThan(p!.x + p!.width);
  expect(new Set(k.map((b) => Math.round(b.x))).size).toBe(1);
});

test('a generic agent that is not Claude: a shell task goes busy then idle and answers its prompt', async ({ page }) => {
  test.setTimeout(60_000);
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.tasks.createTask({ prompt: 'sleep 2; echo generic-$((40+2))', agent: 'shell', name: 'generic agent' });
  const task = await api.taskNamed('generic agent');
  await dash.tasks.expectTaskState(task.id, 'busy', 20_000);
  await dash.tasks.expectTaskState(task.id, 'idle', 20_000);
  await dash.expectBuffer((await api.task(task.id)).sessionId ?? '', /generic-42/);
});

test('the waiting badge and Alt+W bring up each waiting agent in turn, longest waiting first', async ({ page }) => {
  test.setTimeout(60_000);
  const dash = new DashboardPage(page);
  await dash.open();
  // Aider's rules read "(Y)es/(N)o" as a question; bash asks it here, no model needed.
  const ask = (what: string) => ({ agent: 'aider' as const, command: 'bash', name: what, prompt: `printf '${what}? (Y)es/(N)o '; read answer` });
  const first = await api.createTask(ask('delete-first'));
  await dash.tasks.expectTaskState(first.id, 'waiting', 20_000);
  const second = await api.createTask(ask('delete-second'));
  await dash.tasks.expectTaskState(second.id, 'waiting', 20_000);
  await expect(dash.tasks.waitingBadge()).toHaveText('2');
  const focusedSession = () => page.evaluate(() => Object.entries(window.__axiom!.terminals).find(([, t]) => document.activeElement === t.textarea)?.[0] ?? null);
  const sessionOf = async (id: string) => (await api.task(id)).sessionId;

  await dash.tasks.waitingBadge().click();
  await expect.poll(focusedSession).toBe(await sessionOf(first.id));
  await expect(page.getByTestId(`task-question-${first.id}`)).toBeInViewport();
  await dash.tasks.waitingBadge().click();
  await expect.poll(focusedSession).toBe(await sessionOf(second.id));
  await page.keyboard.press('Alt+KeyW');
  await expect.poll(focusedSession).toBe(await sessionOf(first.id));
});

test('a task row shows its whole name: below its buttons in a 1024 px window, beside them at 1366 px and wider', async ({ page }) => {
  const dash = new DashboardPage(page);
  await page.setViewportSize({ width: 1024, height: 700 });
  await dash.open();
  await dash.tasks.createTask({ prompt: 'sleep 30', agent: 'shell', name: 'Write the greeting script' });
  const task = await api.taskNamed('Write the greeting script');
  const name = page.getByTestId(`task-row-name-${task.id}`);
  await expect(name).toBeVisible();
  // Not truncated: the text fits its box.
  expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  const stop = page.getByTestId(`task-row-actions-${task.id}`).getByRole('button', { name: 'Stop', exact: true });
  await expect(stop).toBeInViewport();
  expect((await stop.boundingBox())!.y).toBeGreaterThan((await name.boundingBox())!.y + 10);
  // A wider window keeps them on one line, the whole name still readable (the agent and
  // the time went to the line below: beside the name they cut it to "Write the gre…").
  for (const width of [1366, 1600]) {
    await page.setViewportSize({ width, height: 900 });
    await expect.poll(async () => Math.abs((await stop.boundingBox())!.y - (await name.boundingBox())!.y)).toBeLessThan(10);
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth), `name whole at ${width} px`).toBe(true);
  }
});

test('an agent spawns two children through MCP: they appear under it in the DAG, run, and report back to it', async ({ page }) => {
  test.setTimeout(150_000);
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.tasks.createTask({ prompt: 'spawn-children', agent: 'claude', permission: 'acceptEdits', name: 'mcp parent' });
  const parent = await api.taskNamed('mcp parent');
  await dash.tasks.showTasks();
  // The scripted turn calls mcp__axiom__axiom_spawn twice; the children are the parent's.
  await expect.poll(async () => (await api.task(parent.id)).children.length, { timeout: 60_000 }).toBe(2);
  const kids = (await api.task(parent.id)).children;
  for (const kid of kids) {
    await expect(dash.tasks.dagNode(kid)).toBeVisible();
    await expect(dash.tasks.dagEdge(parent.id, kid)).toHaveCount(1);
    await dash.tasks.expectDagState(kid, 'idle', 90_000);
  }
  // Each child's end reaches the parent as a prompt it takes.
  await expect
    .poll(async () => (await api.task(parent.id)).receipts.filter((r) => r.text.startsWith('[axiom] child task') && r.status === 'submitted').length, { timeout: 60_000 })
    .toBe(2);
  await dash.expectBuffer((await api.task(parent.id)).sessionId ?? '', /\[axiom\] child task/, 30_000);
});
