import { describe, expect, it } from 'vitest';
import { findOptions, regexError, resultsText } from './terminal-find';

describe('terminal find', () => {
  it('says where the current match is, none, or that there are too many to count', () => {
    expect(resultsText('', { resultIndex: 0, resultCount: 3 })).toBe('');
    expect(resultsText('x', null)).toBe('');
    expect(resultsText('x', { resultIndex: 2, resultCount: 12 })).toBe('3 of 12');
    expect(resultsText('x', { resultIndex: -1, resultCount: 0 })).toBe('No results');
    expect(resultsText('x', { resultIndex: -1, resultCount: 1000 })).toBe('1000+ matches');
  });

  it('refuses an invalid regular expression only in regex mode', () => {
    expect(regexError('a(b', { regex: true, caseSensitive: false })).toBe('not a valid regular expression');
    expect(regexError('a(b', { regex: false, caseSensitive: false })).toBeNull();
    expect(regexError('a+b', { regex: true, caseSensitive: false })).toBeNull();
  });

  it('always asks for highlights (the addon counts results only with them)', () => {
    const o = findOptions({ caseSensitive: true, regex: false }, true);
    expect(o).toMatchObject({ caseSensitive: true, regex: false, incremental: true });
    expect(o.decorations?.matchOverviewRuler).toBeTruthy();
  });
});
