import { test, expect } from '@playwright/test';
import { openWithShell } from './pages/dashboard-page';
import { ConsoleApi } from './fixtures/console-api';
import { bashSession } from './fixtures/shells';
import { E2E } from './fixtures/e2e-env';

test.beforeEach(async ({ request }) => {
  await new ConsoleApi(request).removeAll();
});

/**
 * From a real, authenticated page: raw WebSocket connections to the console's socket.io
 * endpoint send a thousand malformed messages (garbage frames, wrong shapes, unknown ids,
 * unknown events, oversized payloads). The server may drop those connections, but it
 * keeps running and the dashboard in the same page keeps working.
 */
test('a thousand malformed socket messages leave the server up and the dashboard working', async ({ page, request }) => {
  const { api, dash, s } = await openWithShell(page, request, 'survivor');

  const sent = await page.evaluate(async (sessionId) => {
    const bad: string[] = [
      'garbage',
      '4',
      '42',
      '42[',
      '42["pty:input"]',
      '42["pty:input",null]',
      '42["pty:input",{"id":"s-zzzzzzzz","data":"x"}]',
      `42["pty:input",{"id":"${sessionId}","data":42}]`,
      '42["session:create",{"command":123}]',
      '421["session:create",{"command":"bash","args":"nope"}]',
      '422["session:resize",{"id":"s-nope","cols":-5,"rows":1e9}]',
      '423["session:attach",{"id":"../../etc/passwd"}]',
      '424["no:such-event",1,2,3]',
      '42["pty:ack",{"id":"s-abcdefgh","seq":-1}]',
      '451-["pty:input",{"_placeholder":true,"num":7}]',
      '42[' + '"x",'.repeat(2000) + '"y"]',
    ];
    let total = 0;
    const openSocket = () =>
      new Promise<WebSocket | null>((resolve) => {
        const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
        ws.onmessage = (ev) => {
          if (typeof ev.data === 'string' && ev.data.startsWith('0')) {
            ws.send('40');
            resolve(ws);
          }
        };
        ws.onerror = () => resolve(null);
        setTimeout(() => resolve(null), 3000);
      });
    while (total < 1000) {
      const ws = await openSocket();
      if (!ws) break;
      await new Promise((r) => setTimeout(r, 50));
      for (let i = 0; i < 100 && total < 1000 && ws.readyState === WebSocket.OPEN; i++, total++) {
        ws.send(i % 37 === 0 ? new Uint8Array([0xff, 0x00, 0x13, 0x37]) : bad[i % bad.length]!);
      }
      // One oversized payload per connection, past the transport's message cap.
      if (ws.readyState === WebSocket.OPEN) {
        ws.send('42["pty:input",{"id":"' + sessionId + '","data":"' + 'A'.repeat(600 * 1024) + '"}]');
        total++;
      }
      await new Promise((r) => setTimeout(r, 20));
      ws.close();
    }
    return total;
  }, s.id);
  expect(sent).toBeGreaterThanOrEqual(1000);

  const health = await request.get('/health', { headers: { authorization: `Bearer ${E2E.token}` } });
  expect(health.status()).toBe(200);
  // Nothing malformed reached the shell.
  expect(await api.screen(s.id)).not.toContain('AAAA');
  // The dashboard's own connection still works: typing echoes, a new session starts.
  await dash.typeInto(s.id, 'echo still-alive\n');
  await dash.expectBuffer(s.id, 'still-alive');
  const fresh = await api.createSession(bashSession('after'));
  await expect(dash.pane(fresh.id)).toBeVisible();
  await dash.expectBuffer(fresh.id, '$ ');
});
