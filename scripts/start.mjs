// `npm start`: build the dashboard if its sources changed since the last build, then run
// the console (server/main.ts through tsx) in this same process so signals reach it
// directly. The demo is on by default here; AXIOM_DEMO=0 turns it off.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_INPUTS = ['app', 'components', 'lib', 'protocol', 'public', 'next.config.ts', 'postcss.config.mjs', 'package-lock.json'];

function newestMtimeMs(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, entry)));
  return newest;
}

function buildIsStale() {
  const marker = join(root, '.next', 'BUILD_ID');
  if (!existsSync(marker)) return true;
  const builtAt = statSync(marker).mtimeMs;
  return BUILD_INPUTS.some((p) => newestMtimeMs(join(root, p)) > builtAt);
}

if (!process.argv.includes('--no-build') && buildIsStale()) {
  console.log('Axiom Console: building the dashboard (first start or sources changed)…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

process.env.AXIOM_DEMO ??= '1';
process.env.NEXT_TELEMETRY_DISABLED = '1';
const { register } = await import('tsx/esm/api');
register();
await import(join(root, 'server', 'main.ts'));
