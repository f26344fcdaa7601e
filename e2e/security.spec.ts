import { test, expect, chromium } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { E2E } from './fixtures/e2e-env';

test('a request without the token is refused', async ({ request, page }) => {
  const api = await request.get(`${E2E.baseUrl}/api/sessions`);
  expect(api.status()).toBe(401);
  expect(await api.json()).toMatchObject({ ok: false, error: { code: 'refused:unauthorized' } });
  const health = await request.get(`${E2E.baseUrl}/health`);
  expect(health.status()).toBe(401);

  // A browser without the cookie gets the explanation page, not the dashboard.
  const res = await page.goto('/');
  expect(res?.status()).toBe(401);
  await expect(page.getByTestId('connection-status')).toHaveCount(0);
  await expect(page.locator('body')).toContainText(/token/i);

  const wrong = await request.get(`${E2E.baseUrl}/api/sessions`, { headers: { authorization: 'Bearer nope' } });
  expect(wrong.status()).toBe(401);
});

test('a request with a foreign Host (DNS rebinding) is refused', async ({ request }) => {
  const res = await request.get(`${E2E.baseUrl}/api/sessions`, {
    headers: { host: `rebind.example:${E2E.port}`, authorization: `Bearer ${E2E.token}` },
  });
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'refused:host' } });

  // The same attack from a real browser: a name that resolves to the console's address.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...E2E.chromiumArgs, '--host-resolver-rules=MAP rebind.example 127.0.0.1'],
  });
  try {
    const page = await browser.newPage();
    const nav = await page.goto(`http://rebind.example:${E2E.port}/?token=${E2E.token}`);
    expect(nav?.status()).toBe(403);
  } finally {
    await browser.close();
  }
});

test('a WebSocket from a foreign Origin is refused, one from the console is accepted', async ({ page }) => {
  // A page served from another origin (another port is another origin) tries to open the
  // console's socket.io WebSocket. The browser sends its own Origin; the console must refuse
  // it even though the browser holds a valid cookie for the console.
  const evil: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  const evilPort = (evil.address() as AddressInfo).port;
  try {
    await page.goto(`/?token=${E2E.token}`);
    await expect(page.getByTestId('connection-status')).toHaveText(/connected/i);
    const tryOpen = (url: string) =>
      page.evaluate(
        (u) =>
          new Promise<string>((resolve) => {
            const ws = new WebSocket(u);
            ws.onmessage = () => {
              resolve('open');
              ws.close();
            };
            ws.onerror = () => resolve('refused');
            setTimeout(() => resolve('timeout'), 5000);
          }),
        url,
      );
    const wsUrl = `ws://127.0.0.1:${E2E.port}/socket.io/?EIO=4&transport=websocket`;
    expect(await tryOpen(wsUrl)).toBe('open');

    await page.goto(`http://127.0.0.1:${evilPort}/`);
    expect(await tryOpen(wsUrl)).toBe('refused');
  } finally {
    evil.close();
  }
});
