import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ADDED_ENV_MARKER, dropAddedEnv, hostSpawnEnv, WEB_V8_FLAGS } from './process-memory';

describe('memory settings of the pty host and the web server', () => {
  it('adds the malloc settings for the host, and the host drops exactly those before spawning agents', () => {
    const env = hostSpawnEnv<Record<string, string | undefined>>({ PATH: '/bin' });
    expect(env['MALLOC_ARENA_MAX']).toBe('2');
    expect(env['MALLOC_MMAP_THRESHOLD_']).toBe('131072');
    dropAddedEnv(env);
    expect(env).toEqual({ PATH: '/bin' });
  });

  it("keeps a user's own malloc settings, for the host and its agents alike", () => {
    const env = hostSpawnEnv<Record<string, string | undefined>>({ PATH: '/bin', MALLOC_ARENA_MAX: '8' });
    expect(env['MALLOC_ARENA_MAX']).toBe('8');
    expect(env[ADDED_ENV_MARKER]).toBe('MALLOC_MMAP_THRESHOLD_');
    dropAddedEnv(env);
    expect(env).toEqual({ PATH: '/bin', MALLOC_ARENA_MAX: '8' });
  });

  it("gives `npm start`'s web server the same V8 flags as the CLI and the harness", () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['start']).toBe(`node ${WEB_V8_FLAGS.join(' ')} scripts/start.mjs`);
  });
});
