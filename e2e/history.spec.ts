import { test, expect, type Locator, type Page } from '@playwright/test';
import { DashboardPage } from './pages/dashboard-page';
import { ConsoleApi } from './fixtures/console-api';
import { E2E } from './fixtures/e2e-env';

test.beforeEach(async ({ request }) => {
  await new ConsoleApi(request).removeAll();
});

test('a finished session is in the history, its recording plays and its text can be searched', async ({ page, request }) => {
  const api = new ConsoleApi(request);
  const known = `history-known-line-${Date.now()} ✓`;
  // A first screenful of filler, then the known line a while later: a match must seek.
  // It ends on a cleared screen: the poster shows that end, and only a seek shows the line.
  const script = `for i in 1 2 3 4 5; do echo "filler $i"; done; sleep 0.6; echo "${known}"; sleep 0.3; printf '\\033[2J\\033[H'; echo "the end of it ⎿"`;
  const session = await api.createSession({ command: '/bin/sh', args: ['-c', script], name: 'history-e2e' });
  await expect.poll(async () => (await api.getSession(session.id)).status, { timeout: 15_000 }).toBe('exited');

  // The way a person gets there: the dashboard (the token becomes a cookie), then its link.
  const dash = new DashboardPage(page);
  await dash.open();
  await page.getByTestId('link-history').click();
  await expect(page).toHaveURL(/\/history$/);

  await page.getByTestId('history-tab-sessions').click();
  await page.getByTestId('history-filter-status').selectOption('exited');
  await page.getByTestId(`history-session-${session.id}`).click();
  await expect(page).toHaveURL(new RegExp(`/history\\?session=${session.id}$`));
  const detail = page.getByTestId(`history-detail-${session.id}`);
  await expect(detail.getByTestId('history-events').locator('li')).toHaveCount(2);
  await expect(detail.locator('[data-type="session.exited"]')).toBeVisible();

  const panel = page.getByTestId('recording-panel');
  await expect(panel).toHaveAttribute('data-ready', 'true');
  const player = page.getByTestId('recording-player');
  await expect(player.locator('.ap-player')).toBeVisible();
  // Before playing: the last frame, not an empty screen.
  await expect(player.locator('.ap-term')).toContainText('the end of it ⎿');
  await expect(player.locator('.ap-term')).not.toContainText(known);
  // Claude Code's "⎿" is drawn from the symbols font the panes use, not as a box: the
  // fonts Chromium rendered that text node with.
  await expect.poll(() => renderedFonts(page, player.locator('.ap-term'), '⎿')).toContain('Noto Sans Symbols');

  await page.getByTestId('recording-speed').selectOption('2');
  await expect(panel).toHaveAttribute('data-ready', 'true');
  await expect(player.locator('.ap-player')).toHaveCount(1);

  await page.getByTestId('recording-search').fill(known.slice(0, 24).toUpperCase());
  await expect(page.getByTestId('recording-match-count')).toHaveText('1 match');
  const match = page.getByTestId('recording-match-0');
  await expect(match).toContainText(known);
  const time = Number(await match.getAttribute('data-time'));
  expect(time).toBeGreaterThan(0.4);
  await match.click();
  // The player was seeked to the match: the known line is on its screen.
  await expect(player.locator('.ap-term')).toContainText(known);

  const download = page.getByTestId('recording-download');
  const res = await page.request.get(`${E2E.baseUrl}${await download.getAttribute('href')}`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/x-asciicast');
  expect(res.headers()['content-disposition']).toBe(`attachment; filename="${session.id}.cast"`);
  expect((await res.text()).split('\n')[0]).toContain('"version":2');
});

/** The font families Chromium used to draw the innermost element under `within` whose
 * text holds `glyph` (DevTools' CSS.getPlatformFontsForNode). */
async function renderedFonts(page: Page, within: Locator, glyph: string): Promise<string[]> {
  const marked = await within.evaluate((root, g) => {
    const all = [root, ...root.querySelectorAll('*')].filter((el) => el.textContent?.includes(g));
    const innermost = all.at(-1);
    innermost?.setAttribute('data-e2e-glyph', '');
    return innermost !== undefined;
  }, glyph);
  if (!marked) return [];
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-e2e-glyph]' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((f) => f.familyName);
  } finally {
    await cdp.detach();
  }
}
