import { describe, expect, it } from 'vitest';
import { agentsOutliveStop, CONFIG_EXIT_CODE, ConfigError, isLoopbackHost, parseConfig } from './config';

const HOME = '/home/tester';
const parse = (env: Record<string, string>, argv: string[] = []) => parseConfig({ env, argv, homeDir: HOME });

describe('parseConfig', () => {
  it('applies the defaults and generates a 32-byte hex token', () => {
    const config = parse({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 7337,
      dataDir: '/home/tester/.axiom-console',
      maxSessions: 64,
      killGraceMs: 3000,
      recordingMaxBytes: 50 * 1024 * 1024,
      allowedOrigins: [],
      allowedHosts: [],
      demo: false,
      dev: false,
      tokenSource: 'generated',
      ptyHost: 'process',
      keepAgents: false,
    });
    expect(config.token).toMatch(/^[0-9a-f]{64}$/);
    expect(parse({}).token).not.toBe(config.token);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every variable and the --dev flag, ignoring flags it does not own', () => {
    const config = parse(
      {
        HOST: 'localhost',
        PORT: '0',
        AXIOM_TOKEN: 'a-long-enough-token-123',
        AXIOM_DATA_DIR: '~/data',
        AXIOM_MAX_SESSIONS: '3',
        AXIOM_KILL_GRACE_MS: '250',
        AXIOM_RECORDING_MAX_BYTES: '0',
        AXIOM_ALLOWED_ORIGINS: 'https://a.example, https://b.example ,',
        AXIOM_ALLOWED_HOSTS: 'a.example',
        AXIOM_DEMO: '1',
        AXIOM_PTY_HOST: 'inline',
        AXIOM_KEEP_AGENTS: '1',
      },
      ['--no-build', '--dev'],
    );
    expect(config).toMatchObject({
      host: 'localhost',
      port: 0,
      token: 'a-long-enough-token-123',
      tokenSource: 'env',
      dataDir: '/home/tester/data',
      maxSessions: 3,
      killGraceMs: 250,
      recordingMaxBytes: 0,
      allowedOrigins: ['https://a.example', 'https://b.example'],
      allowedHosts: ['a.example'],
      demo: true,
      dev: true,
      ptyHost: 'inline',
      keepAgents: true,
    });
  });

  it.each([
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: 'abc' }, /PORT/],
    [{ AXIOM_MAX_SESSIONS: '0' }, /AXIOM_MAX_SESSIONS/],
    [{ AXIOM_RECORDING_MAX_BYTES: '-1' }, /AXIOM_RECORDING_MAX_BYTES/],
    [{ AXIOM_DEMO: 'maybe' }, /AXIOM_DEMO/],
    [{ AXIOM_PTY_HOST: 'thread' }, /AXIOM_PTY_HOST/],
    [{ AXIOM_KEEP_AGENTS: 'yes' }, /AXIOM_KEEP_AGENTS/],
    [{ AXIOM_TOKEN: 'short' }, /AXIOM_TOKEN/],
  ])('refuses invalid values %j', (env, message) => {
    expect(() => parse(env)).toThrow(message);
  });

  it('refuses a non-loopback HOST without an explicit token, with exit code 2', () => {
    let caught: unknown;
    try {
      parse({ HOST: '0.0.0.0' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).exitCode).toBe(CONFIG_EXIT_CODE);
    expect(CONFIG_EXIT_CODE).toBe(2);
    expect(parse({ HOST: '0.0.0.0', AXIOM_TOKEN: 'explicit-token-0123456789' }).host).toBe('0.0.0.0');
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1'])('%s is loopback', (h) => {
    expect(isLoopbackHost(h)).toBe(true);
  });
  it.each(['0.0.0.0', '::', '192.168.1.2', 'example.com', '10.0.0.1', 'localhost.example.com'])('%s is not', (h) => {
    expect(isLoopbackHost(h)).toBe(false);
  });
});

describe('agentsOutliveStop', () => {
  it('only with AXIOM_KEEP_AGENTS=1 and a separate pty host', () => {
    expect(agentsOutliveStop({ ptyHost: 'process', keepAgents: true })).toBe(true);
    expect(agentsOutliveStop({ ptyHost: 'process', keepAgents: false })).toBe(false);
    expect(agentsOutliveStop({ ptyHost: 'inline', keepAgents: true })).toBe(false);
  });
});
