import type { ITheme } from '@xterm/xterm';

/**
 * The xterm palette, matching app/globals.css (xterm cannot read CSS variables). ANSI
 * colours are softened so long agent transcripts do not glare, but keep enough contrast
 * against the background (>= 4.5:1 for the normal colours) to stay legible.
 */
export const TERMINAL_THEME: ITheme = {
  background: '#15171c',
  foreground: '#d4d8df',
  cursor: '#9ab8ff',
  cursorAccent: '#15171c',
  selectionBackground: '#7aa2f759',
  scrollbarSliderBackground: '#3b414c80',
  scrollbarSliderHoverBackground: '#5f6673a0',
  scrollbarSliderActiveBackground: '#7aa2f7a0',
  black: '#2a2e36',
  red: '#e5707a',
  green: '#8fc98a',
  yellow: '#e0c27a',
  blue: '#7aa2f7',
  magenta: '#c49be8',
  cyan: '#6fc4cf',
  white: '#c8ccd4',
  brightBlack: '#6b7280',
  brightRed: '#f28b93',
  brightGreen: '#a7dca2',
  brightYellow: '#efd49a',
  brightBlue: '#9ab8ff',
  brightMagenta: '#d6b4f5',
  brightCyan: '#8fd9e3',
  brightWhite: '#eef0f4',
};

/** Local monospace fonts, then the symbols font the console serves itself (app/globals.css;
 * nothing is fetched from the internet): glyphs agent CLIs draw that local fonts lack. */
export const TERMINAL_FONT_FAMILY =
  'ui-monospace, "SF Mono", "Cascadia Mono", "JetBrains Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", "Noto Sans Symbols", "Noto Sans Symbols 2", monospace';
