import { test, expect } from '@playwright/test';
import { DashboardPage, openWithShell, openWithShells } from './pages/dashboard-page';
import { ConsoleApi } from './fixtures/console-api';
import { bashSession } from './fixtures/shells';

test.beforeEach(async ({ request }) => {
  await new ConsoleApi(request).removeAll();
});

test('a session started from the dialog runs and can be killed, restarted and closed', async ({ page, request }) => {
  const api = new ConsoleApi(request);
  const dash = new DashboardPage(page);
  await dash.open();
  await page.getByTestId('btn-new-session').click();
  const dialog = page.getByTestId('new-session-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('new-session-command').fill('bash');
  await page.getByTestId('new-session-args').fill('--norc --noprofile');
  await page.getByTestId('new-session-name').fill('from-dialog');
  await page.getByTestId('new-session-submit').click();
  await expect(dialog).toBeHidden();

  await expect.poll(async () => (await api.listSessions()).length).toBe(1);
  const [s] = await api.listSessions();
  const id = s!.id;
  await expect(dash.pane(id)).toContainText('from-dialog');
  await expect(dash.status(id)).toHaveText(/running/);
  await dash.typeInto(id, 'echo dialog-ok\n');
  await dash.expectBuffer(id, 'dialog-ok');

  await page.getByTestId(`btn-kill-${id}`).click();
  await expect(dash.status(id)).toHaveText(/exited/);
  // The final screen stays readable after the process is gone.
  await dash.expectBuffer(id, 'dialog-ok');
  const killed = await api.getSession(id);
  expect(killed.status).toBe('exited');
  expect(killed.signal ?? killed.exitCode).not.toBeNull();

  await page.getByTestId(`btn-restart-${id}`).click();
  await expect(dash.status(id)).toHaveText(/running/);
  await dash.typeInto(id, 'echo restarted-ok\n');
  await dash.expectBuffer(id, 'restarted-ok');

  await page.getByTestId(`btn-kill-${id}`).click();
  await expect(dash.status(id)).toHaveText(/exited/);
  await page.getByTestId(`btn-close-${id}`).click();
  await expect(dash.pane(id)).toHaveCount(0);
  await expect.poll(async () => (await api.listSessions()).length).toBe(0);
});

test('exit codes and signals are shown as they are; exited panes close in one click', async ({ page, request }) => {
  const api = new ConsoleApi(request);
  const three = await api.createSession({ command: 'sh', args: ['-c', 'sleep 0.3; exit 3'], name: 'exit-3' });
  const killed = await api.createSession({ command: 'sh', args: ['-c', 'sleep 0.3; kill -9 $$'], name: 'sigkill' });
  const dash = new DashboardPage(page);
  await dash.open();
  await expect(dash.status(three.id)).toHaveText(/exited.*3/);
  await expect(dash.status(killed.id)).toHaveText(/SIGKILL/);
  const info = await api.getSession(killed.id);
  expect(info.exitCode).toBeNull();
  expect(info.signal).toBe('SIGKILL');

  // One click closes every exited pane; a live one stays.
  const live = await api.createSession(bashSession('still-running'));
  await dash.expectBuffer(live.id, '$ ');
  await page.getByTestId('btn-close-exited').click();
  await expect(dash.pane(three.id)).toHaveCount(0);
  await expect(dash.pane(killed.id)).toHaveCount(0);
  await expect(dash.pane(live.id)).toBeVisible();
  await expect.poll(async () => (await api.listSessions()).map((x) => x.id)).toEqual([live.id]);
  await expect(page.getByTestId('btn-close-exited')).toHaveCount(0);
});

test('the inject box types text and presses Enter', async ({ page, request }) => {
  const { dash, s } = await openWithShell(page, request, 'inject');
  await page.getByTestId(`inject-input-${s.id}`).fill('echo injected-$((2+3))');
  await page.getByTestId(`inject-send-${s.id}`).click();
  await dash.expectBuffer(s.id, 'injected-5');
  await expect(page.getByTestId(`inject-input-${s.id}`)).toHaveValue('');
});

test('a multi-line prompt grows the inject box over the terminal, which keeps its size', async ({ page, request }) => {
  const { dash, s } = await openWithShell(page, request, 'grow');
  const input = page.getByTestId(`inject-input-${s.id}`);
  const rows = () => page.evaluate((id) => window.__axiom!.terminals[id]!.rows, s.id);
  // The pane's first fit lands a moment after the prompt shows (a CI run read 30, then 32).
  await dash.waitForOwnSize(s.id);
  const rowsBefore = await rows();
  const oneLine = (await input.boundingBox())!.height;
  await input.click();
  await page.keyboard.type('echo first');
  for (const line of ['echo second', 'echo third', 'echo fourth']) {
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type(line);
  }
  await expect.poll(async () => (await input.boundingBox())!.height).toBeGreaterThan(oneLine * 2.5);
  // A row less would have resized the PTY (and made an agent redraw) for each line typed.
  await page.waitForTimeout(300);
  expect(await rows()).toBe(rowsBefore);
  await page.keyboard.press('Enter');
  await dash.expectBuffer(s.id, /^fourth$/m);
  await expect.poll(async () => (await input.boundingBox())!.height).toBeLessThan(oneLine * 1.5);
});

test('a click in the empty part of a pane focuses its terminal instead of blurring it', async ({ page, request }) => {
  const { api, dash, s } = await openWithShell(page, request, 'small');
  await dash.waitForOwnSize(s.id);
  // Another viewer made the session smaller than this pane: most of the pane is empty.
  await api.resize(s.id, 20, 5);
  await expect.poll(() => page.evaluate((id) => window.__axiom!.terminals[id]!.cols, s.id)).toBe(20);
  const host = (await page.getByTestId(`terminal-${s.id}`).boundingBox())!;
  const focused = () => page.evaluate((id) => document.activeElement === window.__axiom?.terminals[id]?.textarea, s.id);
  await dash.focusTerminal(s.id);
  await page.mouse.click(host.x + host.width - 30, host.y + host.height - 30);
  expect(await focused()).toBe(true);
  await page.keyboard.type('echo clicked-beside\n');
  await dash.expectBuffer(s.id, 'clicked-beside');
});

test('a session wider than the pane scrolls sideways in it instead of losing its right-hand columns', async ({ page, request }) => {
  const { api, dash, s } = await openWithShell(page, request, 'wide');
  await dash.waitForOwnSize(s.id);
  // Another viewer made the session far wider than this pane.
  await api.resize(s.id, 400, 10);
  await expect.poll(() => page.evaluate((id) => window.__axiom!.terminals[id]!.cols, s.id)).toBe(400);
  // Through the API: typing here would make this browser the active viewer, and its own
  // size would win again (the documented policy).
  await api.input(s.id, "printf '%390s<END\\n' ''\n");
  await dash.expectBuffer(s.id, '<END');
  const host = page.getByTestId(`terminal-${s.id}`);
  // The host scrolls over the whole screen (clipped at the pane's width before), and
  // scrolled to its end the last column is on screen.
  await expect.poll(() => host.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeGreaterThan(1000);
  await host.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
  const end = await host.evaluate((el) => {
    const screen = el.querySelector('.xterm-screen')!.getBoundingClientRect();
    const view = el.getBoundingClientRect();
    return { screenRight: Math.round(screen.right), viewRight: Math.round(view.right) };
  });
  expect(end.screenRight).toBeLessThanOrEqual(end.viewRight + 1);
});

test('a lone pane fills the grid; a second one brings the grid back', async ({ page, request }) => {
  const api = new ConsoleApi(request);
  const a = await api.createSession(bashSession('alone'));
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.expectBuffer(a.id, '$ ');
  const viewport = page.viewportSize()!;
  await expect.poll(async () => (await dash.pane(a.id).boundingBox())!.width).toBeGreaterThan(viewport.width * 0.9);
  expect((await dash.pane(a.id).boundingBox())!.height).toBeGreaterThan(viewport.height * 0.75);
  const b = await api.createSession(bashSession('second'));
  await dash.expectBuffer(b.id, '$ ');
  await expect.poll(async () => (await dash.pane(a.id).boundingBox())!.width).toBeLessThan(viewport.width * 0.6);
});

test('maximize, restore and keyboard moves between panes', async ({ page, request }) => {
  const api = new ConsoleApi(request);
  const a = await api.createSession(bashSession('first'));
  const b = await api.createSession(bashSession('second'));
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.expectBuffer(a.id, '$ ');
  await dash.expectBuffer(b.id, '$ ');

  await page.getByTestId(`btn-maximize-${a.id}`).click();
  await expect(dash.pane(b.id)).toBeHidden();
  const full = await dash.pane(a.id).boundingBox();
  expect(full!.width).toBeGreaterThan((page.viewportSize()!.width * 2) / 3);
  await page.getByTestId(`btn-maximize-${a.id}`).click();
  await expect(dash.pane(b.id)).toBeVisible();

  await dash.focusTerminal(a.id);
  await page.keyboard.press('Alt+ArrowRight');
  await expect.poll(() => page.evaluate((id) => document.activeElement === window.__axiom?.terminals[id]?.textarea, b.id)).toBe(true);
  await page.keyboard.type('echo moved-here\n');
  await dash.expectBuffer(b.id, 'moved-here');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect.poll(() => page.evaluate((id) => document.activeElement === window.__axiom?.terminals[id]?.textarea, a.id)).toBe(true);
});

test('Alt+arrows move to the pane on that side of a 2×2 grid, Alt+[ and ] go in order', async ({ page, request }) => {
  const { dash, ids } = await openWithShells(page, request, 'grid', 4);
  const [a, b, c, d] = ids as [string, string, string, string];
  // The layout the keys are about: two columns, in reading order.
  const box = async (id: string) => (await dash.pane(id).boundingBox())!;
  expect((await box(b)).x).toBeGreaterThan((await box(a)).x);
  expect((await box(c)).y).toBeGreaterThan((await box(a)).y);
  const focusedIs = (id: string) => expect.poll(() => page.evaluate((sid) => document.activeElement === window.__axiom?.terminals[sid]?.textarea, id)).toBe(true);

  await dash.focusTerminal(b);
  const moves: Array<[key: string, lands: string]> = [
    // In list order, the pane after top-right is bottom-left; below it is bottom-right.
    ['Alt+ArrowDown', d],
    ['Alt+ArrowLeft', c],
    ['Alt+ArrowLeft', c], // at the left edge the focus stays
    ['Alt+ArrowUp', a],
    ['Alt+ArrowRight', b],
    ['Alt+BracketRight', c], // brackets go in list order
    ['Alt+BracketLeft', b],
  ];
  for (const [key, lands] of moves) {
    await page.keyboard.press(key);
    await focusedIs(lands);
  }
  await page.keyboard.type('echo arrived\n');
  await dash.expectBuffer(b, 'arrived');
});

test('Tile puts every pane on screen at once, each terminal resized to its tile; a reload keeps it', async ({ page, request }) => {
  const { dash, ids } = await openWithShells(page, request, 'tile', 6);
  // Scrolling layout: panes of a fixed height, the last ones out of view.
  await expect(dash.pane(ids[5]!)).not.toBeInViewport();

  await page.getByTestId('btn-pane-layout').click();
  await expect(page.getByTestId('btn-pane-layout')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('pane-grid')).toHaveAttribute('data-layout', 'tile');
  for (const id of ids) await expect(dash.pane(id)).toBeInViewport({ ratio: 1 });
  // Each program sees its tile's size, and still takes input.
  await dash.typeInto(ids[5]!, 'echo "size=$(tput cols)x$(tput lines)"\n');
  const t = await dash.terminalSize(ids[5]!);
  await dash.expectBuffer(ids[5]!, `size=${t.cols}x${t.rows}`);

  await dash.reload();
  await expect(page.getByTestId('pane-grid')).toHaveAttribute('data-layout', 'tile');
  for (const id of ids) await expect(dash.pane(id)).toBeInViewport({ ratio: 1 });
  await page.getByTestId('btn-pane-layout').click();
  await expect(page.getByTestId('pane-grid')).toHaveAttribute('data-layout', 'scroll');
  await expect(dash.pane(ids[5]!)).not.toBeInViewport();
});

test('a reload keeps the layout: the tasks panel opened by hand and the maximized pane', async ({ page, request }) => {
  const api = new ConsoleApi(request);
  const a = await api.createSession(bashSession('kept'));
  const b = await api.createSession(bashSession('other'));
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.expectBuffer(a.id, '$ ');
  // No tasks: the panel follows them and stays hidden, until opened by hand.
  await expect(page.getByTestId('task-panel')).toBeHidden();
  await dash.tasks.showTasks();
  await page.getByTestId(`btn-maximize-${a.id}`).click();
  await expect(dash.pane(b.id)).toBeHidden();

  await dash.reload();
  await expect(page.getByTestId('task-panel')).toBeVisible();
  await expect(dash.pane(a.id)).toBeVisible();
  await expect(dash.pane(b.id)).toBeHidden();
  await dash.expectBuffer(a.id, '$ ');

  // Restored by hand, restored after the next reload too.
  await page.getByTestId(`btn-maximize-${a.id}`).click();
  await expect(dash.pane(b.id)).toBeVisible();
  await dash.reload();
  await expect(dash.pane(b.id)).toBeVisible();
  await expect(dash.pane(a.id)).toBeVisible();
  await expect(page.getByTestId('task-panel')).toBeVisible();
});

test('with more panes than fit, the pane grid scrolls and the page itself never does', async ({ page, request }) => {
  const { dash, ids } = await openWithShells(page, request, 'pane', 6);

  // Screen-reader-only labels in the panes' buttons are positioned boxes; a scroll area that
  // does not contain them lets them stretch the document, and then the wheel or a focus
  // change scrolls the whole page, header and all.
  const pageScroll = (): Promise<{ overflow: number; scrollY: number }> =>
    page.evaluate(() => {
      window.scrollTo(0, 100_000);
      return { overflow: document.documentElement.scrollHeight - window.innerHeight, scrollY: window.scrollY };
    });
  expect(await pageScroll()).toEqual({ overflow: 0, scrollY: 0 });

  // The last pane is out of view: moving to it with the keyboard scrolls the grid to it,
  // and the top bar stays where it is.
  await dash.focusTerminal(ids[0]!);
  for (let i = 1; i < ids.length; i++) await page.keyboard.press('Alt+BracketRight');
  const last = ids[ids.length - 1]!;
  await expect.poll(() => page.evaluate((id) => document.activeElement === window.__axiom?.terminals[id]?.textarea, last)).toBe(true);
  await expect(dash.pane(last)).toBeInViewport();
  expect((await page.getByTestId('connection-status').boundingBox())!.y).toBeGreaterThanOrEqual(0);
  expect(await pageScroll()).toEqual({ overflow: 0, scrollY: 0 });
  await page.keyboard.type('echo still-here\n');
  await dash.expectBuffer(last, 'still-here');
});

test('narrow panes keep their header on one line, its buttons as named icons; panes of 42rem and more spell them out', async ({ page, request }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const { ids } = await openWithShells(page, request, 'header', 2);
  // Beside the tasks panel, two columns of ~420 px.
  const tasksPanel = page.getByTestId('btn-toggle-tasks');
  if ((await tasksPanel.getAttribute('aria-pressed')) !== 'true') await tasksPanel.click();
  const id = ids[0]!;
  const header = page.getByTestId(`pane-header-${id}`);
  const restart = page.getByTestId(`btn-restart-${id}`);
  const oneLine = async (): Promise<boolean> => {
    const [h, r] = [await header.boundingBox(), await restart.boundingBox()];
    return h !== null && r !== null && h.height < 2 * r.height;
  };
  // A second line of buttons was a line of terminal lost in every pane.
  await expect.poll(oneLine).toBe(true);
  await expect(restart).toHaveAccessibleName('Restart');
  const labelWidth = async (): Promise<number> => (await restart.getByText('Restart', { exact: true }).boundingBox())?.width ?? 0;
  expect(await labelWidth()).toBeLessThanOrEqual(1);
  await expect(page.getByTestId(`pane-status-${id}`)).toHaveText('running');
  // Panes of 42rem and more have room for the words.
  await page.setViewportSize({ width: 1920, height: 1000 });
  await expect.poll(async () => (await header.boundingBox())?.width ?? 0).toBeGreaterThan(680);
  await expect.poll(labelWidth).toBeGreaterThan(20);
  expect(await oneLine()).toBe(true);
});
