import { describe, expect, it } from 'vitest';
import { cpuSince, statTicks } from './process-cpu';

describe('statTicks', () => {
  it('adds utime and stime, after a command name that holds spaces and parentheses', () => {
    const stat = '4242 (Web Content (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 37 0 0 20 0 9 0 123 456 789';
    expect(statTicks(stat)).toBe(287);
  });
});

describe('cpuSince', () => {
  it('is the difference per role, in hundredths of a second', () => {
    const before = { renderer: 1, browserOther: 0.5, webServer: 0.25, ptyHost: 2 };
    const after = { renderer: 3.456, browserOther: 0.5, webServer: 0.75, ptyHost: 4.01 };
    expect(cpuSince(before, after)).toEqual({ renderer: 2.46, browserOther: 0, webServer: 0.5, ptyHost: 2.01 });
  });
});
