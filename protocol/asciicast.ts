/**
 * asciicast v2 (https://docs.asciinema.org/manual/asciicast/v2/): a JSON header line, then
 * one JSON array per event, `[seconds, code, data]`. Shared by the server's recorder
 * (which writes it) and the history page (which searches it). Pure: no Node, no DOM.
 */
export interface CastHeader {
  version: 2;
  width: number;
  height: number;
  /** Unix time of the start, in seconds. */
  timestamp: number;
  title?: string;
  env?: Record<string, string>;
}

/** o: output, i: input, r: resize ("COLSxROWS"), m: marker (a label on the timeline). */
export type CastEventCode = 'o' | 'i' | 'r' | 'm';
export type CastEvent = [time: number, code: CastEventCode, data: string];

/** Microseconds, as asciinema writes them: enough precision, short lines. */
export function castTime(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}

export function encodeCastHeader(header: CastHeader): string {
  return `${JSON.stringify(header)}\n`;
}

export function encodeCastEvent(event: CastEvent): string {
  return `${JSON.stringify(event)}\n`;
}

export interface ParsedCast {
  header: CastHeader;
  events: CastEvent[];
  /** Lines that were not a valid event (a torn last line of a live recording). */
  skippedLines: number;
}

const EVENT_CODES: ReadonlySet<string> = new Set(['o', 'i', 'r', 'm']);

/** Returns undefined when the first line is not a v2 header. Bad event lines are skipped. */
export function parseCast(text: string): ParsedCast | undefined {
  const lines = text.split('\n');
  const header = parseJson(lines[0] ?? '');
  if (!isHeader(header)) return undefined;
  const events: CastEvent[] = [];
  let skippedLines = 0;
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const e = parseJson(line);
    if (
      Array.isArray(e) && e.length === 3 && typeof e[0] === 'number' &&
      typeof e[1] === 'string' && EVENT_CODES.has(e[1]) && typeof e[2] === 'string'
    ) {
      events.push([e[0], e[1] as CastEventCode, e[2]]);
    } else {
      skippedLines += 1;
    }
  }
  return { header, events, skippedLines };
}

function isHeader(v: unknown): v is CastHeader {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as Record<string, unknown>;
  return h['version'] === 2 && typeof h['width'] === 'number' && typeof h['height'] === 'number';
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch (error) {
    // A torn or foreign line is just "not an event"; anything else is a bug.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** The concatenated output ('o') of a recording, as raw terminal text. */
export function castOutputText(events: readonly CastEvent[]): string {
  let out = '';
  for (const e of events) if (e[1] === 'o') out += e[2];
  return out;
}
