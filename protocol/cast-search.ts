import type { CastEvent } from './asciicast';

/**
 * Text search over a recording. The player has none, so the history page searches the
 * output events itself: escape sequences and control characters are stripped (they are
 * not what a person reads), the remaining text is searched case-insensitively, and each
 * match reports the time of the event that completed it — seeking the player there shows
 * the matched text on screen.
 */
export interface CastMatch {
  /** Seconds from the start of the recording. */
  time: number;
  /** The line the match is on, trimmed to a readable length. */
  context: string;
}

export interface SearchOptions {
  /** Stop after this many matches (a common word in a long recording matches thousands). */
  maxMatches?: number;
  /** Characters of context kept on each side of the match. */
  contextChars?: number;
}

const DEFAULTS = { maxMatches: 200, contextChars: 60 } as const;

/** CSI, OSC (BEL or ST terminated), DCS/SOS/PM/APC strings, two-byte escapes, and every C0
 * control but \n and \t. Carriage returns go too: "\r\n" becomes one line break. */
const NOT_TEXT =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]|[\x00-\x08\x0b-\x1f\x7f]/g;

/** The readable text of the output events, with where each event's text starts in it. */
export interface PlainText {
  text: string;
  /** Ascending offsets into `text`, one per segment... */
  segmentStarts: number[];
  /** ...and the time of the event each segment came from. */
  segmentTimes: number[];
}

/** Sequences split across events are stripped whole: the events are joined first. */
export function castPlainText(events: readonly CastEvent[]): PlainText {
  const eventStarts: number[] = [];
  const eventTimes: number[] = [];
  let raw = '';
  for (const e of events) {
    if (e[1] !== 'o') continue;
    eventStarts.push(raw.length);
    eventTimes.push(e[0]);
    raw += e[2];
  }
  const out: PlainText = { text: '', segmentStarts: [], segmentTimes: [] };
  const keep = (from: number, to: number): void => {
    let k = lastAtOrBefore(eventStarts, from);
    let a = from;
    while (a < to) {
      const end = Math.min(to, eventStarts[k + 1] ?? Number.POSITIVE_INFINITY);
      out.segmentStarts.push(out.text.length);
      out.segmentTimes.push(eventTimes[k] ?? 0);
      out.text += raw.slice(a, end);
      a = end;
      k += 1;
    }
  };
  let last = 0;
  for (const m of raw.matchAll(NOT_TEXT)) {
    if (m.index > last) keep(last, m.index);
    last = m.index + m[0].length;
  }
  if (last < raw.length) keep(last, raw.length);
  return out;
}

export function searchCast(events: readonly CastEvent[], query: string, options: SearchOptions = {}): CastMatch[] {
  return searchPlainText(castPlainText(events), query, options);
}

/** Split from searchCast so a page can strip a recording once and search it many times. */
export function searchPlainText(plain: PlainText, query: string, options: SearchOptions = {}): CastMatch[] {
  const needle = query.toLowerCase();
  if (needle.trim() === '') return [];
  const maxMatches = options.maxMatches ?? DEFAULTS.maxMatches;
  const contextChars = options.contextChars ?? DEFAULTS.contextChars;
  const haystack = plain.text.toLowerCase();
  const matches: CastMatch[] = [];
  // toLowerCase can change lengths for a few scripts; offsets then drift by a character or
  // two, which only shifts the context shown, never the match itself.
  for (let at = haystack.indexOf(needle); at !== -1 && matches.length < maxMatches; at = haystack.indexOf(needle, at + needle.length)) {
    const end = at + needle.length;
    const segment = lastAtOrBefore(plain.segmentStarts, end - 1);
    matches.push({ time: plain.segmentTimes[segment] ?? 0, context: lineAround(plain.text, at, end, contextChars) });
  }
  return matches;
}

function lineAround(text: string, start: number, end: number, contextChars: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl === -1 ? text.length : nl;
  const from = Math.max(lineStart, start - contextChars);
  const to = Math.min(lineEnd, end + contextChars);
  return `${from > lineStart ? '…' : ''}${text.slice(from, to)}${to < lineEnd ? '…' : ''}`;
}

/** Index of the last element <= value in an ascending array (0 when none). */
function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
