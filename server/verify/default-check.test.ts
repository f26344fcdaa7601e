import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseDefaultCheck, defaultCheck, type ProjectFiles } from './default-check';

const none: ProjectFiles = { packageJson: null, makefile: null, pytestIni: null, pyproject: null, setupCfg: null };

describe('default check', () => {
  it('uses a real npm test script, not the npm init placeholder', () => {
    expect(chooseDefaultCheck({ ...none, packageJson: JSON.stringify({ scripts: { test: 'vitest run' } }) })).toBe('npm test');
    const placeholder = JSON.stringify({ scripts: { test: 'echo "Error: no test specified" && exit 1' } });
    expect(chooseDefaultCheck({ ...none, packageJson: placeholder })).toBeNull();
    expect(chooseDefaultCheck({ ...none, packageJson: '{"scripts":{}}' })).toBeNull();
    expect(chooseDefaultCheck({ ...none, packageJson: '{not json' })).toBeNull();
  });

  it('uses make test only when the Makefile has a test target', () => {
    expect(chooseDefaultCheck({ ...none, makefile: 'all:\n\tcc x.c\n\ntest: all\n\t./run\n' })).toBe('make test');
    expect(chooseDefaultCheck({ ...none, makefile: 'test := 1\nall:\n\ttrue\n' })).toBeNull();
    expect(chooseDefaultCheck({ ...none, makefile: 'all:\n\ttrue\n' })).toBeNull();
  });

  it('uses pytest when pytest is configured', () => {
    expect(chooseDefaultCheck({ ...none, pytestIni: '[pytest]\n' })).toBe('pytest -q');
    expect(chooseDefaultCheck({ ...none, pyproject: '[project]\nname="x"\n\n[tool.pytest.ini_options]\n' })).toBe('pytest -q');
    expect(chooseDefaultCheck({ ...none, pyproject: '[project]\nname="x"\n' })).toBeNull();
    expect(chooseDefaultCheck({ ...none, setupCfg: '[tool:pytest]\naddopts=-q\n' })).toBe('pytest -q');
  });

  it('prefers npm, then make, then pytest; reads them from a folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'axiom-defcheck-'));
    try {
      expect(await defaultCheck(dir)).toBeNull();
      await writeFile(join(dir, 'pytest.ini'), '[pytest]\n');
      expect(await defaultCheck(dir)).toBe('pytest -q');
      await writeFile(join(dir, 'Makefile'), 'test:\n\ttrue\n');
      expect(await defaultCheck(dir)).toBe('make test');
      await writeFile(join(dir, 'package.json'), '{"scripts":{"test":"node --test"}}');
      expect(await defaultCheck(dir)).toBe('npm test');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
