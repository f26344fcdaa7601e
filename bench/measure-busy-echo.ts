import type { Page } from '@playwright/test';
import type { ConsoleClient } from './lib/console-client';
import { waitForTerminal } from './lib/browser';
import { installEchoProbe, measureEcho } from './measure-echo';

/** A program that prints `linesPerSec` lines a second, in 20 bursts a second. */
export const CHATTY = (linesPerSec: number) =>
  `let i=0;const per=${linesPerSec / 20};setInterval(()=>{let s='';for(let k=0;k<per;k++)s+='busy '+(i++)+' \\x1b[32mok\\x1b[0m the quick brown fox\\n';process.stdout.write(s)},50)`;

/** Echo latency in one pane while `others` sessions each print `linesPerSec` lines a second,
 * all of them shown in the same page. */
export async function measureBusyEcho(page: Page, client: ConsoleClient, others: number, linesPerSec: number, keys: number): Promise<number[]> {
  const chatty = [];
  for (let i = 0; i < others; i++) {
    chatty.push(await client.create({ command: process.execPath, args: ['-e', CHATTY(linesPerSec)], name: `chatty-${i + 1}`, cols: 80, rows: 20 }));
  }
  const probe = await client.create({ command: 'cat', name: 'probe', cols: 80, rows: 20 });
  for (const s of [...chatty, probe]) await waitForTerminal(page, s.id);
  await page.waitForTimeout(1000);
  await installEchoProbe(page, probe.id);
  try {
    return await measureEcho(page, probe.id, keys, 20);
  } finally {
    for (const s of [...chatty, probe]) await client.remove(s.id);
  }
}
