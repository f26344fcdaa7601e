import { describe, expect, it } from 'vitest';
import { ADDED_ENV_MARKER, dropAddedEnv, hostSpawnEnv } from './host-memory';

describe('pty host memory settings', () => {
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
});
