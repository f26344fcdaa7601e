/**
 * Browser terminals must never answer terminal queries.
 *
 * A program that asks "what terminal are you?" (DA), "where is the cursor?" (DSR/CPR) or
 * "what is your background colour?" (OSC 11) expects exactly one reply on its stdin. The
 * server's headless mirror of each session is the one responder (ADR 0001): it answers
 * whether zero, one or ten browsers are watching. If a browser's xterm answered too,
 * its reply would arrive through `onData` as if the user had typed it, so with N viewers
 * the program would get N + 1 replies (garbage like `^[[?1;2c` in a prompt) or, with
 * none, a different number of replies than with one. So each pane registers handlers
 * that claim these sequences (return true) before xterm's built-in responders run.
 * Sequences that only set state (e.g. OSC 11 with a colour) fall through to xterm.
 */

/** The subset of xterm's IParser this module uses; both @xterm/xterm and @xterm/headless fit. */
interface QueryParser {
  registerCsiHandler(
    id: { prefix?: string; intermediates?: string; final: string },
    callback: (params: (number | number[])[]) => boolean,
  ): { dispose(): void };
  registerDcsHandler(
    id: { prefix?: string; intermediates?: string; final: string },
    callback: (data: string, params: (number | number[])[]) => boolean,
  ): { dispose(): void };
  registerOscHandler(ident: number, callback: (data: string) => boolean): { dispose(): void };
}

const first = (params: (number | number[])[]): number => {
  const p = params[0];
  return typeof p === 'number' ? p : (p?.[0] ?? 0);
};

/** Window reports (XTWINOPS): 11 state, 13 position, 14/16/18 sizes, 19 screen size,
 * 20/21 icon and window title. Everything else (e.g. 22/23 title stack) is not a query. */
const WINDOW_REPORTS = new Set([11, 13, 14, 16, 18, 19, 20, 21]);

/** OSC colour queries: 4 palette, 10 foreground, 11 background, 12 cursor. */
const COLOUR_OSCS = [4, 10, 11, 12] as const;

/** Registers the handlers; returns one disposer for all of them. */
export function swallowTerminalQueries(terminal: { parser: QueryParser }): { dispose(): void } {
  const { parser } = terminal;
  const all = (): boolean => true;
  const disposables = [
    // DA1 `CSI c` / `CSI 0 c` (other params are not defined and xterm ignores them).
    parser.registerCsiHandler({ final: 'c' }, (params) => first(params) === 0),
    // DA2 `CSI > c`, DA3 `CSI = c`.
    parser.registerCsiHandler({ prefix: '>', final: 'c' }, all),
    parser.registerCsiHandler({ prefix: '=', final: 'c' }, all),
    // DSR: `CSI 5 n` status, `CSI 6 n` cursor position. Other params are not queries.
    parser.registerCsiHandler({ final: 'n' }, (params) => {
      const p = first(params);
      return p === 5 || p === 6;
    }),
    // DEC private DSR (`CSI ? 6 n` cursor position, `? 15/25/26/53 n` ...): all reports.
    parser.registerCsiHandler({ prefix: '?', final: 'n' }, all),
    // XTVERSION `CSI > q`.
    parser.registerCsiHandler({ prefix: '>', final: 'q' }, all),
    // DECRQM, ANSI `CSI Ps $ p` and DEC private `CSI ? Ps $ p`.
    parser.registerCsiHandler({ intermediates: '$', final: 'p' }, all),
    parser.registerCsiHandler({ prefix: '?', intermediates: '$', final: 'p' }, all),
    // XTWINOPS reports `CSI 14 t` etc.; window manipulation itself falls through.
    parser.registerCsiHandler({ final: 't' }, (params) => WINDOW_REPORTS.has(first(params))),
    // DECRQSS `DCS $ q Pt ST`.
    parser.registerDcsHandler({ intermediates: '$', final: 'q' }, all),
    // Colour queries carry `?` where a colour would be; setting a colour falls through.
    ...COLOUR_OSCS.map((ident) => parser.registerOscHandler(ident, (data) => data.includes('?'))),
  ];
  return {
    dispose: () => {
      for (const d of disposables) d.dispose();
    },
  };
}
