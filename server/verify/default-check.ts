import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The check a workspace gets when its task names none: the project's own test command,
 * found the way a person would (package.json's test script, a Makefile's test target,
 * pytest's configuration). None found → no check: a guess that fails would refuse every
 * task in a project that simply has no tests.
 */
export interface ProjectFiles {
  packageJson: string | null;
  makefile: string | null;
  pytestIni: string | null;
  pyproject: string | null;
  setupCfg: string | null;
}

/** What `npm init` writes: a test script that only fails. */
const NPM_PLACEHOLDER_TEST = /^echo "Error: no test specified" && exit 1$/;

export function chooseDefaultCheck(files: ProjectFiles): string | null {
  if (hasNpmTest(files.packageJson)) return 'npm test';
  if (files.makefile !== null && /^test\s*:(?!=)/m.test(files.makefile)) return 'make test';
  const pytest =
    files.pytestIni !== null ||
    (files.pyproject !== null && /^\[tool\.pytest(\.ini_options)?\]/m.test(files.pyproject)) ||
    (files.setupCfg !== null && /^\[tool:pytest\]/m.test(files.setupCfg));
  return pytest ? 'pytest -q' : null;
}

function hasNpmTest(packageJson: string | null): boolean {
  if (packageJson === null) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(packageJson);
  } catch {
    // A package.json npm itself cannot parse has no usable test script.
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null) return false;
  const scripts = (parsed as { scripts?: unknown }).scripts;
  if (typeof scripts !== 'object' || scripts === null) return false;
  const test = (scripts as { test?: unknown }).test;
  return typeof test === 'string' && test.trim() !== '' && !NPM_PLACEHOLDER_TEST.test(test.trim());
}

/** Files larger than this are not project manifests worth parsing. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

export async function defaultCheck(dir: string): Promise<string | null> {
  const read = async (name: string): Promise<string | null> => {
    try {
      const text = await readFile(join(dir, name), 'utf8');
      return text.length > MAX_MANIFEST_BYTES ? null : text;
    } catch (e) {
      // Missing, a folder, or unreadable: that project file is simply absent for our purpose.
      const code = (e as { code?: unknown }).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'EACCES') return null;
      throw e;
    }
  };
  const [packageJson, makefile, pytestIni, pyproject, setupCfg] = await Promise.all(
    ['package.json', 'Makefile', 'pytest.ini', 'pyproject.toml', 'setup.cfg'].map(read),
  );
  return chooseDefaultCheck({
    packageJson: packageJson ?? null,
    makefile: makefile ?? null,
    pytestIni: pytestIni ?? null,
    pyproject: pyproject ?? null,
    setupCfg: setupCfg ?? null,
  });
}
