import { expect, test } from '@playwright/test';
import type { PromptReceipt } from '../protocol/agent';
import type { Result } from '../protocol/result';
import { ConsoleApi } from './fixtures/console-api';
import { E2E } from './fixtures/e2e-env';
import { DashboardPage } from './pages/dashboard-page';

/**
 * Arbitration in the browser: a person claims a task's pane with its toggle; a prompt sent
 * through the API (as an agent over MCP would send it) waits, and the pane says so; when
 * the person releases the pane it is typed into the terminal. bash is the agent.
 */
let api: ConsoleApi;
test.beforeEach(async ({ page, request }) => {
  api = new ConsoleApi(request);
  await page.setViewportSize({ width: 1600, height: 1000 });
});
test.afterEach(async () => {
  await api.removeAllTasks();
});

test('a claimed pane holds a prompt sent through the API, shows it held, and delivers it on release', async ({ page, request }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.tasks.createTask({ prompt: 'echo ready', agent: 'shell', name: 'arbitration' });
  const task = await api.taskNamed('arbitration');
  await dash.tasks.expectTaskState(task.id, 'idle');
  const sessionId = (await api.task(task.id)).sessionId ?? '';
  await dash.expectBuffer(sessionId, /^ready$/m);

  await dash.tasks.setClaim(sessionId, true);
  const res = await request.post(`${E2E.baseUrl}/api/tasks/${task.id}/prompt`, {
    headers: { authorization: `Bearer ${E2E.token}` },
    data: { text: 'echo held-$((20+22))', mode: 'now' },
  });
  const receipt = (await res.json()) as Result<PromptReceipt>;
  expect(receipt).toMatchObject({ ok: true, value: { status: 'queued' } });
  await expect(dash.tasks.taskHeld(task.id)).toHaveText('1 prompt held while you hold this pane');
  expect(await dash.bufferText(sessionId)).not.toContain('held-');

  await dash.tasks.setClaim(sessionId, false);
  await dash.expectBuffer(sessionId, /^held-42$/m);
  await expect(dash.tasks.taskHeld(task.id)).toHaveCount(0);
  // Its output is on screen a moment before the console has confirmed the submit.
  await expect.poll(async () => (await api.task(task.id)).receipts.at(-1)).toMatchObject({ text: 'echo held-$((20+22))', status: 'submitted' });
});
