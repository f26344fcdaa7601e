// `npm install`'s postinstall: node-pty built from source on Linux.
//
// Why: node-pty's prebuilt Linux binary is compiled without close_range(2), and its
// fallback stops marking descriptors close-on-exec at the first closed one above 15. Once
// sessions have come and gone, the pty host's descriptor table has such gaps, and every
// pty master above one leaked into each new agent: one agent could read and type into
// another's terminal (docs/adr/0019). Built here, against this machine's C library, the
// fork closes every inherited descriptor. macOS spawns through posix_spawn with
// POSIX_SPAWN_CLOEXEC_DEFAULT and keeps the prebuilt binary.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

if (process.platform !== 'linux') process.exit(0);
const require = createRequire(import.meta.url);
let ptyDir;
try {
  ptyDir = dirname(require.resolve('node-pty/package.json'));
} catch {
  process.exit(0); // not installed (yet): nothing to build
}
// Built from source already (the build removes the prebuilt binaries it would shadow).
if (existsSync(join(ptyDir, 'build', 'Release', 'pty.node')) && !existsSync(join(ptyDir, 'prebuilds', `linux-${process.arch}`))) {
  process.exit(0);
}
console.log('> building node-pty from source (its prebuilt Linux binary leaks pty descriptors to child processes)');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const built = spawnSync(npm, ['rebuild', 'node-pty'], {
  stdio: 'inherit',
  env: { ...process.env, npm_config_build_from_source: 'true' },
});
if (built.status !== 0 || !existsSync(join(ptyDir, 'build', 'Release', 'pty.node'))) {
  console.error(
    '\n! node-pty could not be built from source (python3, make and g++ are needed).\n' +
      '! The console still runs, but on Linux an agent may inherit another session\'s terminal.\n' +
      '! Install them and run: npm_config_build_from_source=true npm rebuild node-pty\n',
  );
}
