import type { ISearchDecorationOptions, ISearchOptions } from '@xterm/addon-search';

/**
 * Find in a pane's output (xterm's search addon): the options a search runs with and what
 * the find bar says about its results. Pure, so the wording is tested without a browser.
 */
export interface FindFlags {
  caseSensitive: boolean;
  regex: boolean;
}

/** Matches are highlighted (and counted, which needs the highlights) in a dark amber, the
 * current one in a dark blue: the cell's own text colour stays readable on both. */
const DECORATIONS: ISearchDecorationOptions = {
  matchBackground: '#5c4a1e',
  matchBorder: '#e0c27a',
  matchOverviewRuler: '#e0c27a',
  activeMatchBackground: '#2c4a8a',
  activeMatchBorder: '#9ab8ff',
  activeMatchColorOverviewRuler: '#9ab8ff',
};

/** `incremental` while typing: the current match grows with the term instead of jumping on. */
export function findOptions(flags: FindFlags, incremental: boolean): ISearchOptions {
  return { caseSensitive: flags.caseSensitive, regex: flags.regex, incremental, decorations: DECORATIONS };
}

/** An invalid regular expression is said, not searched (the addon would throw). */
export function regexError(term: string, flags: FindFlags): string | null {
  if (!flags.regex || term === '') return null;
  try {
    new RegExp(term);
    return null;
  } catch {
    return 'not a valid regular expression';
  }
}

/** "3 of 12", "No results", or past the highlight limit "1000+ matches". */
export function resultsText(term: string, results: { resultIndex: number; resultCount: number } | null): string {
  if (term === '' || results === null) return '';
  if (results.resultCount === 0) return 'No results';
  if (results.resultIndex < 0) return `${results.resultCount}+ matches`;
  return `${results.resultIndex + 1} of ${results.resultCount}`;
}
