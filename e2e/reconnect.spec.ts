import { test, expect } from '@playwright/test';
import { DashboardPage } from './pages/dashboard-page';
import { ConsoleApi } from './fixtures/console-api';
import { E2E } from './fixtures/e2e-env';
import { TcpProxy } from './fixtures/tcp-proxy';

test.beforeEach(async ({ request }) => {
  await new ConsoleApi(request).removeAll();
});

test('after a dropped connection the pane reconnects and shows every line exactly once', async ({ page, request }) => {
  const proxy = new TcpProxy(E2E.proxyPort, E2E.port);
  await proxy.start();
  try {
    const api = new ConsoleApi(request);
    // Counts to 60 over ~6 s: lines are printed while the connection is down.
    const s = await api.createSession({
      command: 'sh',
      args: ['-c', 'read x; i=1; while [ $i -le 60 ]; do echo "tick-$i"; i=$((i+1)); sleep 0.1; done; echo ticks-done; sleep 1000'],
      name: 'ticker',
      rows: 80,
    });
    await page.goto(`${E2E.proxyUrl}/?token=${E2E.token}`);
    const dash = new DashboardPage(page);
    await expect(page.getByTestId('connection-status')).toHaveText(/connected/i);
    await expect(dash.pane(s.id)).toBeVisible();
    await api.input(s.id, '\r');
    await dash.expectBuffer(s.id, 'tick-5');

    expect(proxy.cut()).toBeGreaterThan(0);
    await expect(page.getByTestId('connection-status')).not.toHaveText(/^connected$/i, { timeout: 5000 });
    await dash.expectBuffer(s.id, 'ticks-done', 20_000);
    await expect(page.getByTestId('connection-status')).toHaveText(/connected/i);

    const lines = (await dash.bufferText(s.id)).split('\n').filter((l) => /^tick-\d+$/.test(l.trim()));
    expect(lines.map((l) => l.trim())).toEqual(Array.from({ length: 60 }, (_, i) => `tick-${i + 1}`));
  } finally {
    await proxy.stop();
  }
});
