import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { expandHome, resolveDataDir } from './data-dir';

const HOME = '/home/tester';

describe('resolveDataDir', () => {
  it('defaults to ~/.axiom-console when unset or blank', () => {
    expect(resolveDataDir(undefined, HOME)).toBe('/home/tester/.axiom-console');
    expect(resolveDataDir('  ', HOME)).toBe('/home/tester/.axiom-console');
  });

  it('expands ~ and ~/x, and makes a relative folder absolute', () => {
    expect(resolveDataDir('~', HOME)).toBe(HOME);
    expect(resolveDataDir('~/data', HOME)).toBe('/home/tester/data');
    expect(resolveDataDir(' /srv/axiom ', HOME)).toBe('/srv/axiom');
    expect(resolveDataDir('rel/dir', HOME)).toBe(resolve('rel/dir'));
  });

  it('leaves ~user and a ~ inside the path alone', () => {
    expect(expandHome('~other/x', HOME)).toBe('~other/x');
    expect(expandHome('/a/~/b', HOME)).toBe('/a/~/b');
  });
});
