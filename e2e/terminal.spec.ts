import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { DashboardPage, openWithShell } from './pages/dashboard-page';
import { ConsoleApi } from './fixtures/console-api';
import { bashSession } from './fixtures/shells';

test.beforeEach(async ({ request }) => {
  await new ConsoleApi(request).removeAll();
});

test('two shells side by side echo what is typed into each', async ({ page, request }) => {
  const api = new ConsoleApi(request);
  const a = await api.createSession(bashSession('left'));
  const b = await api.createSession(bashSession('right'));
  const dash = new DashboardPage(page);
  await dash.open();
  await expect(dash.pane(a.id)).toBeVisible();
  await expect(dash.pane(b.id)).toBeVisible();
  await dash.expectBuffer(a.id, '$ ');
  await dash.expectBuffer(b.id, '$ ');

  await dash.typeInto(a.id, 'echo left-$((6*7))\n');
  await dash.typeInto(b.id, 'echo right-$((7*8))\n');
  await dash.expectBuffer(a.id, 'left-42');
  await dash.expectBuffer(b.id, 'right-56');
  // Each pane shows only its own session's output.
  expect(await dash.bufferText(a.id)).not.toContain('right-56');
  expect(await dash.bufferText(b.id)).not.toContain('left-42');
  await expect(dash.status(a.id)).toHaveText(/running/);
});

test('vim runs full-screen, takes typing, and quits back to the shell', async ({ page, request }) => {
  const { dash, s } = await openWithShell(page, request, 'vim');
  await dash.typeInto(s.id, 'vim -u NONE -N /tmp/axiom-e2e-vim.txt\n');
  await expect.poll(() => page.evaluate((id) => window.__axiom?.terminals[id]?.buffer.active.type, s.id)).toBe('alternate');
  await page.keyboard.type('ihello from vim');
  await dash.expectBuffer(s.id, 'hello from vim');
  await page.keyboard.press('Escape');
  await page.keyboard.type(':q!\n');
  await expect.poll(() => page.evaluate((id) => window.__axiom?.terminals[id]?.buffer.active.type, s.id)).toBe('normal');
  await dash.typeInto(s.id, 'echo back-in-shell\n');
  await dash.expectBuffer(s.id, 'back-in-shell');
});

test('a reload shows the same screens, including a full-screen program', async ({ page, request }) => {
  const api = new ConsoleApi(request);
  const shell = await api.createSession(bashSession('history'));
  const full = await api.createSession(bashSession('fullscreen'));
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.expectBuffer(shell.id, '$ ');
  await dash.typeInto(shell.id, 'for i in 1 2 3; do echo line-$i; done\n');
  await dash.expectBuffer(shell.id, 'line-3');
  await dash.expectBuffer(full.id, '$ ');
  await dash.typeInto(full.id, 'vim -u NONE -N\n');
  await expect.poll(() => page.evaluate((id) => window.__axiom?.terminals[id]?.buffer.active.type, full.id)).toBe('alternate');
  await page.keyboard.type('iunsaved words');
  await dash.expectBuffer(full.id, 'unsaved words');

  await dash.reload();
  await dash.expectBuffer(shell.id, 'line-1');
  await dash.expectBuffer(shell.id, 'line-3');
  await dash.expectBuffer(full.id, 'unsaved words');
  expect(await page.evaluate((id) => window.__axiom?.terminals[id]?.buffer.active.type, full.id)).toBe('alternate');
  // And the stream is live after the reload: typing still reaches vim.
  await dash.focusTerminal(full.id);
  await page.keyboard.type(' and more');
  await dash.expectBuffer(full.id, 'unsaved words and more');
  await page.keyboard.press('Escape');
  await page.keyboard.type(':q!\n');
});

test('the interrupt button stops a running command', async ({ page, request }) => {
  const { api, dash, s } = await openWithShell(page, request, 'sleeper');
  await dash.typeInto(s.id, 'sleep 1000\n');
  await expect.poll(async () => (await api.screen(s.id)).trimEnd().endsWith('sleep 1000')).toBe(true);
  await page.getByTestId(`btn-interrupt-${s.id}`).click();
  // Ctrl-C kills sleep with SIGINT: bash prompts again and $? is 128 + 2.
  await dash.expectBuffer(s.id, '^C');
  await dash.typeInto(s.id, 'echo "status=$?"\n');
  await dash.expectBuffer(s.id, 'status=130');
});

test('resizing the window reaches the program (tput cols)', async ({ page, request }) => {
  const api = new ConsoleApi(request);
  const s = await api.createSession(bashSession('resize'));
  const dash = new DashboardPage(page);
  await page.setViewportSize({ width: 1400, height: 900 });
  await dash.open();
  // Only the pane grid decides the width here (the tasks panel moves with the viewport).
  await dash.tasks.hideTasks();
  await dash.expectBuffer(s.id, '$ ');
  await dash.typeInto(s.id, 'echo "cols=$(tput cols)"\n');
  await dash.expectBuffer(s.id, /cols=\d+/);
  const wide = Number(/cols=(\d+)/.exec(await dash.bufferText(s.id))?.[1]);

  await page.setViewportSize({ width: 700, height: 900 });
  await expect.poll(async () => (await dash.terminalSize(s.id)).cols).toBeLessThan(wide);
  await expect.poll(async () => (await api.getSession(s.id)).cols).toBeLessThan(wide);
  const narrow = (await dash.terminalSize(s.id)).cols;
  await dash.typeInto(s.id, 'clear; echo "now=$(tput cols)"\n');
  await dash.expectBuffer(s.id, `now=${narrow}`);
  expect(narrow).toBeLessThan(wide);
});

test('UTF-8 and colours arrive intact', async ({ page, request }) => {
  const { dash, s } = await openWithShell(page, request, 'unicode', { env: { PS1: '$ ', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
  await dash.typeInto(s.id, "printf 'U:\\xc3\\xa9\\xe6\\xbc\\xa2\\xe5\\xad\\x97\\xf0\\x9f\\x99\\x82:\\n\\e[31mRED\\e[0m \\e[38;5;82mLIME\\e[0m\\n'\n");
  await dash.expectBuffer(s.id, 'U:é漢字🙂:');
  const colours = await page.evaluate((id) => {
    const t = window.__axiom!.terminals[id]!;
    const b = t.buffer.active;
    for (let y = 0; y < b.length; y++) {
      const line = b.getLine(y);
      const text = line?.translateToString(true) ?? '';
      const x = text.indexOf('RED L');
      if (line && x >= 0 && !text.includes('printf')) {
        const red = line.getCell(x)!;
        const lime = line.getCell(text.indexOf('LIME'))!;
        return { red: red.getFgColor(), redPalette: red.isFgPalette(), lime: lime.getFgColor() };
      }
    }
    return null;
  }, s.id);
  expect(colours).toEqual({ red: 1, redPalette: true, lime: 82 });

  // The symbols agent CLIs draw (Claude Code's "⎿", "⏵⏵ accept edits on") are missing from
  // the machine's fonts here: the console's own symbol fonts are fetched and used for them.
  await dash.typeInto(s.id, "printf '\\xe2\\x8e\\xbf done \\xe2\\x8f\\xb5\\xe2\\x8f\\xb5 edits\\n'\n");
  await dash.expectBuffer(s.id, '⎿ done ⏵⏵ edits');
  await expect
    .poll(() => page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')).sort()))
    .toEqual(expect.arrayContaining(['Noto Sans Symbols', 'Noto Sans Symbols 2']));
});

test('a terminal query is answered exactly once with two browsers watching', async ({ page, context, request }) => {
  const api = new ConsoleApi(request);
  const s = await api.createSession(bashSession('queries'));
  const dash = new DashboardPage(page);
  await dash.open();
  const second = new DashboardPage(await context.newPage());
  await second.open();
  await dash.expectBuffer(s.id, '$ ');
  await second.expectBuffer(s.id, '$ ');
  const script = fileURLToPath(new URL('./fixtures/count-da-replies.mjs', import.meta.url));
  await dash.typeInto(s.id, `node ${script}\n`);
  await dash.expectBuffer(s.id, /DA-REPLIES=\d/);
  expect(await dash.bufferText(s.id)).toContain('DA-REPLIES=1');
  await second.expectBuffer(s.id, 'DA-REPLIES=1');
});

test("find in a pane's output: highlighted as typed, counted, stepped through (scrollback too), closed back to the program", async ({ page, request }) => {
  const { dash, s } = await openWithShell(page, request, 'find');
  // Three needles, the first scrolled far out of view by 200 lines; the command line itself
  // spells them with escapes, so only the output matches.
  await dash.typeInto(s.id, "printf '\\x6eeedle-one\\n'; seq 1 200; printf '\\x4eeedle-two\\n\\x6eeedle-three\\n'\n");
  await dash.expectBuffer(s.id, 'needle-three');
  const selection = () => page.evaluate((id) => window.__axiom!.terminals[id]!.getSelection(), s.id);
  const viewportY = () => page.evaluate((id) => window.__axiom!.terminals[id]!.buffer.active.viewportY, s.id);

  // The shortcut opens the bar without reaching bash (no ^F, no cursor move on its line),
  // over the pane: the program's terminal keeps its size (no SIGWINCH for a search).
  const rows = () => page.evaluate((id) => window.__axiom!.terminals[id]!.rows, s.id);
  const rowsBefore = await rows();
  await page.keyboard.press('Control+Shift+F');
  const input = page.getByTestId(`find-input-${s.id}`);
  await expect(input).toBeFocused();
  await page.waitForTimeout(300);
  expect(await rows()).toBe(rowsBefore);
  await input.fill('needle');
  const count = page.getByTestId(`find-count-${s.id}`);
  await expect(count).toHaveText(/^\d of 3$/);
  await expect.poll(selection).toMatch(/^needle$/i);
  // The visible matches are highlighted in the pane.
  await expect(page.getByTestId(`terminal-${s.id}`).locator('.xterm-find-result-decoration').first()).toBeVisible();

  // Enter steps on through all three, wrapping; one of them is in the scrollback.
  const seen = new Set<string>();
  let scrolledUp = false;
  for (let i = 0; i < 3; i++) {
    await input.press('Enter');
    seen.add((await count.textContent()) ?? '');
    if ((await viewportY()) < 150) scrolledUp = true;
  }
  expect(seen).toEqual(new Set(['1 of 3', '2 of 3', '3 of 3']));
  expect(scrolledUp).toBe(true);

  // Match case: only the two lower-case ones; a bad regular expression is said, not run.
  await page.getByTestId(`find-caseSensitive-${s.id}`).click();
  await expect(count).toHaveText(/^\d of 2$/);
  await page.getByTestId(`find-regex-${s.id}`).click();
  await input.fill('needle-(one');
  await expect(count).toHaveText('not a valid regular expression');
  await input.fill('needle-(one|three)');
  await expect(count).toHaveText(/^\d of 2$/);

  // Escape closes the bar and gives the keyboard back to the program.
  await input.press('Escape');
  await expect(page.getByTestId(`find-bar-${s.id}`)).toHaveCount(0);
  await page.keyboard.type('echo after-find-$((2*21))\n');
  await dash.expectBuffer(s.id, 'after-find-42');
  expect(await dash.bufferText(s.id)).not.toContain('^F');

  // The header button opens it too.
  await page.getByTestId(`btn-find-${s.id}`).click();
  await expect(page.getByTestId(`find-input-${s.id}`)).toBeFocused();
});

test('Ctrl+Shift+C copies the selection without interrupting the program; Ctrl+Shift+V pastes into it', async ({ page, request }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const { dash, s } = await openWithShell(page, request, 'clipboard');
  await dash.typeInto(s.id, 'echo copy-me-$((6*7))\n');
  await dash.expectBuffer(s.id, /^copy-me-42$/m);
  // `sleep` in the foreground: a Ctrl+C reaching it would end it early ("^C" on screen).
  await dash.typeInto(s.id, 'sleep 3; echo slept-through\n');
  const row = await page.evaluate((id) => {
    const b = window.__axiom!.terminals[id]!.buffer.active;
    for (let y = 0; y < b.length; y++) if (b.getLine(y)?.translateToString(true) === 'copy-me-42') return y;
    return -1;
  }, s.id);
  expect(row).toBeGreaterThanOrEqual(0);
  await page.evaluate(([id, y]) => window.__axiom!.terminals[id as string]!.select(0, y as number, 'copy-me-42'.length), [s.id, row] as const);
  await page.keyboard.press('Control+Shift+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('copy-me-42');
  await dash.expectBuffer(s.id, 'slept-through');
  expect(await dash.bufferText(s.id)).not.toContain('^C');

  await page.evaluate(() => navigator.clipboard.writeText('echo pasted-$((5*5))'));
  await dash.focusTerminal(s.id);
  await page.keyboard.press('Control+Shift+V');
  await page.keyboard.press('Enter');
  await dash.expectBuffer(s.id, /^pasted-25$/m);
});
