import { expect, test } from '@playwright/test';
import { ConsoleApi } from './fixtures/console-api';
import { E2E } from './fixtures/e2e-env';
import { TcpProxy } from './fixtures/tcp-proxy';
import { DashboardPage } from './pages/dashboard-page';
import { ptyHostPid } from '../server/pty-host/testing/console-process';

/**
 * What a person sees when things go wrong: a refused command in words (not a bare error
 * code), a failed claim said beside its button, a timeline that catches up on what happened
 * while the browser was offline, and a broadcast whose results still name their tasks.
 * The reconnect cases reach the console through a proxy the test can take offline.
 */
let api: ConsoleApi;
let proxy: TcpProxy | undefined;
test.beforeEach(async ({ page, request }) => {
  api = new ConsoleApi(request);
  await api.removeEverything();
  await page.setViewportSize({ width: 1600, height: 1000 });
});
test.afterEach(async () => {
  await proxy?.stop();
  proxy = undefined;
  await api.removeEverything();
});

/** Opens the dashboard through a fresh proxy, so the test can cut the browser off. */
async function openThroughProxy(page: import('@playwright/test').Page): Promise<TcpProxy> {
  const p = new TcpProxy(E2E.proxyPort, E2E.port);
  await p.start();
  proxy = p;
  await page.goto(`${E2E.proxyUrl}/?token=${E2E.token}`);
  await expect(page.getByTestId('connection-status')).toHaveText(/^connected$/i);
  return p;
}

async function goOffline(page: import('@playwright/test').Page, p: TcpProxy): Promise<void> {
  p.goOffline();
  await expect(page.getByTestId('connection-status')).not.toHaveText(/^connected$/i, { timeout: 5000 });
}

test("a refused session is explained in words, with the server's reason and the code kept for tools, and the form stays", async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  await page.getByTestId('btn-new-session').click();
  await page.getByTestId('new-session-command').fill('bash');
  await page.getByTestId('new-session-cwd').fill('/nonexistent/axiom-e2e-dir');
  await page.getByTestId('new-session-submit').click();
  const error = page.getByTestId('new-session-error');
  await expect(error).toHaveAttribute('data-code', /^[a-z_]+:[a-z-]+$/);
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(error).not.toHaveText(/^[a-z_]+:[a-z-]+/);
  await expect(error).toContainText('/nonexistent/axiom-e2e-dir');
  await expect(page.getByTestId('new-session-dialog')).toBeVisible();
  await expect(page.getByTestId('new-session-command')).toHaveValue('bash');
});

test('a claim that fails while offline says so next to the button, not only by colour', async ({ page }) => {
  const dash = new DashboardPage(page);
  const p = await openThroughProxy(page);
  const { id } = await api.createTask({ prompt: 'echo ready', agent: 'shell', name: 'offline claim' });
  await dash.tasks.expectTaskState(id, 'idle');
  const sessionId = (await api.task(id)).sessionId ?? '';
  await goOffline(page, p);
  await dash.tasks.claimButton(sessionId).click();
  await expect(page.getByTestId(`claim-error-${sessionId}`)).toHaveText(/^Not connected to the console/);
  await expect(dash.tasks.claimButton(sessionId)).toHaveAttribute('aria-pressed', 'false');
});

test("a task's interventions timeline catches up after an outage", async ({ page }) => {
  const dash = new DashboardPage(page);
  const p = await openThroughProxy(page);
  const { id } = await api.createTask({ prompt: 'echo ready', agent: 'shell', name: 'timeline' });
  await dash.tasks.expectTaskState(id, 'idle');
  const timeline = await dash.details.interventions(id);
  await expect(timeline).toBeVisible();
  await expect(timeline.locator('[data-who="api"]')).toHaveCount(0);

  await goOffline(page, p);
  // Recorded while this browser is away: its live event reaches nobody here.
  await api.promptTask(id, 'echo while-away');
  p.accept();
  await expect(page.getByTestId('connection-status')).toHaveText(/^connected$/i, { timeout: 10_000 });
  await expect(timeline.locator('[data-kind="prompt"][data-who="api"]')).toHaveCount(1);
});

test('after a broadcast the dialog still names the tasks it went to', async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  const one = await api.createTask({ prompt: 'echo ready', agent: 'shell', name: 'broadcast one' });
  const two = await api.createTask({ prompt: 'echo ready', agent: 'shell', name: 'broadcast two' });
  await dash.tasks.expectTaskState(one.id, 'idle');
  await dash.tasks.expectTaskState(two.id, 'idle');
  await dash.steering.broadcast([one.id, two.id], 'echo broadcast-reached');
  const dialog = page.getByTestId('broadcast-dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Steer 2 tasks');
  await expect(dialog).toContainText('To: broadcast one, broadcast two');
  await expect(page.getByTestId('broadcast-result')).toContainText('broadcast one');
  await expect(page.getByTestId('broadcast-result')).toContainText('broadcast two');
  // The selection is cleared for the next message.
  await expect(page.getByTestId(`task-select-${one.id}`)).not.toBeChecked();
});

test('a session list that cannot load after a connect is said to be out of date, retried, and shown once the pty host answers', async ({ page }) => {
  const session = await api.createSession({ command: 'bash', args: ['--norc', '--noprofile'], name: 'listed' });
  const hostPid = ptyHostPid(E2E.dataDir);
  if (hostPid === undefined) throw new Error('no pty host pid file');
  // A pty host that stops answering (here: stopped) leaves `session:list` without a reply.
  process.kill(hostPid, 'SIGSTOP');
  try {
    await page.goto(`${E2E.baseUrl}/?token=${E2E.token}`);
    await expect(page.getByTestId('connection-status')).toHaveText(/^connected$/i);
    const note = page.getByTestId('list-error-sessions');
    await expect(note).toContainText(/Sessions may be out of date .*retrying/, { timeout: 20_000 });
    await expect(note).toHaveAttribute('role', 'alert');
    await expect(page.getByTestId(`pane-${session.id}`)).toHaveCount(0);
  } finally {
    process.kill(hostPid, 'SIGCONT');
  }
  // The retry loads it: the note goes and the pane appears, without a reload.
  await expect(page.getByTestId(`pane-${session.id}`)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('list-sync-errors')).toHaveCount(0);
});
