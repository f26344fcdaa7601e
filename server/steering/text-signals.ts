/**
 * Phrases and lines that mean something about an agent's work. Pure; kept in one place so
 * the rules and their tests agree on what "planning", "a claim" and "an error" look like.
 */
const PLANNING = [
  /\bI(?:'ll| will) (?:research|investigate|explore|look into|plan|start by|first)\b/i,
  /\bLet me (?:plan|research|think|explore|investigate|outline|start by)\b/i,
  /\b(?:here(?:'s| is) (?:my|the) plan|plan of action|next steps?:|step \d+:)/i,
  /\b(?:implement(?:ed)? later|to be implemented|will implement)\b/i,
  /\bTODO\b|\bFIXME\b/,
];

const CLAIMS = [
  /\b(?:all )?(?:tests?|checks?) (?:now )?pass(?:es|ed|ing)?\b/i,
  /\bI(?:'ve| have) (?:implemented|finished|completed|fixed|added|written|created)\b/i,
  /\b(?:task|work|implementation|feature) (?:is )?(?:complete|completed|done|finished)\b/i,
  /^\s*(?:✅\s*)?done[.!]?\s*$/im,
  /\beverything (?:is )?(?:working|done)\b/i,
];

const STUBS = [
  /\bTODO\b|\bFIXME\b|\bXXX\b/,
  /\bNotImplemented(?:Error)?\b/,
  /throw new Error\((['"`])(?:not implemented|todo)/i,
  /^\s*pass\s*(?:#.*)?$/,
  /\bimplement (?:me|later|this)\b/i,
  /unimplemented!\(|todo!\(/,
];

const ERROR_LINE = /\b(?:error|exception|traceback|failed|failure|cannot|can't|not found|no such file|permission denied|segmentation fault)\b/i;

export function matchingLines(text: string, patterns: readonly RegExp[], max = 5): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || !patterns.some((p) => p.test(line))) continue;
    out.push(line.length > 240 ? `${line.slice(0, 237)}...` : line);
    if (out.length >= max) break;
  }
  return out;
}

export const planningLines = (text: string): string[] => matchingLines(text, PLANNING);
export const claimLines = (text: string): string[] => matchingLines(text, CLAIMS);

/** Stub markers in a file: "path:line: text". */
export function stubLines(path: string, text: string, max = 5): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && out.length < max; i++) {
    const line = lines[i] ?? '';
    if (STUBS.some((p) => p.test(line))) out.push(`${path}:${i + 1}: ${line.trim()}`);
  }
  return out;
}

/** Error lines, each with a normalised form that ignores numbers, hex ids and quotes, so
 * "line 12" and "line 14" count as the same error. */
export function errorLines(text: string): Array<{ key: string; line: string }> {
  const out: Array<{ key: string; line: string }> = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.length < 6 || line.length > 400 || !ERROR_LINE.test(line)) continue;
    const key = line
      .toLowerCase()
      .replace(/0x[0-9a-f]+|\b[0-9a-f]{7,}\b/g, '#')
      .replace(/\d+/g, '#')
      .replace(/\s+/g, ' ')
      .replace(/^[●⎿•>\-*\s]+/u, '');
    out.push({ key, line });
  }
  return out;
}
