import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quietLogger } from '../logger';
import { createInProcessSessionHost } from '../sessions/in-process-host';
import { findOnPath, startDemoSessions } from './demo-sessions';

describe('demo sessions', () => {
  it('finds programs on PATH', () => {
    expect(findOnPath('sh', process.env['PATH'] ?? '')).toMatch(/\/sh$/);
    expect(findOnPath('no-such-program-axiom', process.env['PATH'] ?? '')).toBeUndefined();
  });

  it('opens a shell, top when present, and the simulated agent log; only when there are no sessions', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'axiom-demo-'));
    const host = createInProcessSessionHost({ killGraceMs: 200 });
    try {
      await startDemoSessions({ host, dataDir, log: quietLogger });
      const list = await host.request({ type: 'list' });
      if (!list.ok) throw new Error(list.error.message);
      const names = list.value.map((s) => s.name);
      expect(names).toContain('demo shell');
      expect(names).toContain('agent (simulated)');
      if (findOnPath('top', process.env['PATH'] ?? '') !== undefined) expect(names).toContain('top');
      expect(existsSync(join(dataDir, 'demo', 'README.md'))).toBe(true);

      const agent = list.value.find((s) => s.name === 'agent (simulated)');
      if (agent === undefined) throw new Error('no agent session');
      await expect
        .poll(async () => {
          const screen = await host.request({ type: 'screen', id: agent.id });
          return screen.ok ? screen.value.text : '';
        }, { timeout: 10_000 })
        .toMatch(/simulated/);

      await startDemoSessions({ host, dataDir, log: quietLogger });
      const again = await host.request({ type: 'list' });
      expect(again.ok && again.value.length).toBe(list.value.length);
    } finally {
      await host.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
