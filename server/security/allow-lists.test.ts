import { describe, expect, it } from 'vitest';
import { buildAllowLists, isHostAllowed, isOriginAllowed } from './allow-lists';

const base = { port: 7337, host: '127.0.0.1', allowedHosts: [], allowedOrigins: [] };

describe('host allow-list', () => {
  it('accepts the loopback names on the bound port only', () => {
    const lists = buildAllowLists(base);
    for (const h of ['127.0.0.1:7337', 'localhost:7337', 'LOCALHOST:7337', '[::1]:7337']) {
      expect(isHostAllowed(lists, h)).toBe(true);
    }
    for (const h of ['evil.example:7337', '127.0.0.1:8080', '127.0.0.1', 'localhost', '', undefined]) {
      expect(isHostAllowed(lists, h)).toBe(false);
    }
  });

  it('adds HOST and configured hosts (a bare name means the console port)', () => {
    const lists = buildAllowLists({
      ...base,
      host: '192.168.1.5',
      allowedHosts: ['console.example', 'proxy.example:443', '::1', '[fe80::1]'],
    });
    expect(isHostAllowed(lists, '192.168.1.5:7337')).toBe(true);
    expect(isHostAllowed(lists, 'console.example:7337')).toBe(true);
    expect(isHostAllowed(lists, 'proxy.example:443')).toBe(true);
    expect(isHostAllowed(lists, 'proxy.example:7337')).toBe(false);
    expect(isHostAllowed(lists, '[fe80::1]:7337')).toBe(true);
  });
});

describe('origin allow-list', () => {
  it('matches exactly, never "null", and takes configured origins', () => {
    const lists = buildAllowLists({ ...base, allowedOrigins: ['https://Console.Example/'] });
    for (const o of ['http://127.0.0.1:7337', 'http://localhost:7337', 'http://[::1]:7337', 'https://console.example']) {
      expect(isOriginAllowed(lists, o)).toBe(true);
    }
    for (const o of ['null', 'http://127.0.0.1:7338', 'https://127.0.0.1:7337', 'http://localhost:7337.evil.example', 'http://evil.example']) {
      expect(isOriginAllowed(lists, o)).toBe(false);
    }
  });

  it('adds a specific HOST as an origin but not a wildcard bind', () => {
    expect(isOriginAllowed(buildAllowLists({ ...base, host: '10.0.0.2' }), 'http://10.0.0.2:7337')).toBe(true);
    const wildcard = ['0', '0', '0', '0'].join('.');
    expect(isOriginAllowed(buildAllowLists({ ...base, host: wildcard }), `http://${wildcard}:7337`)).toBe(false);
  });
});
