import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateConsole } from './console-locator';

const home = mkdtempSync(join(tmpdir(), 'axiom-locator-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function writeConsoleFile(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'console.json'), JSON.stringify({ url: 'http://127.0.0.1:7337/?token=x', token: 'tok' }));
}

describe('locateConsole', () => {
  it('reads console.json from AXIOM_DATA_DIR with ~ expanded, as the server writes it', () => {
    writeConsoleFile(join(home, 'data'));
    const found = locateConsole({ AXIOM_DATA_DIR: '~/data' }, home);
    expect(found).toEqual({ origin: 'http://127.0.0.1:7337', token: 'tok', source: join(home, 'data', 'console.json') });
  });

  it('falls back to ~/.axiom-console when AXIOM_DATA_DIR is unset or blank', () => {
    writeConsoleFile(join(home, '.axiom-console'));
    expect(locateConsole({}, home).source).toBe(join(home, '.axiom-console', 'console.json'));
    expect(locateConsole({ AXIOM_DATA_DIR: '' }, home).source).toBe(join(home, '.axiom-console', 'console.json'));
  });

  it('prefers AXIOM_URL and AXIOM_TOKEN', () => {
    expect(locateConsole({ AXIOM_URL: 'http://127.0.0.1:9/x', AXIOM_TOKEN: 't', AXIOM_DATA_DIR: '~/data' }, home)).toEqual({ origin: 'http://127.0.0.1:9', token: 't', source: 'env' });
  });
});
