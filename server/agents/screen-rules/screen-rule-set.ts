import type { AgentState, PromptChoice, WaitingInfo } from '../../../protocol/agent';

/**
 * Screen rules: how an agent CLI's rendered screen (the server mirror's text, never the raw
 * byte stream) shows its state. They are data, versioned per CLI release, because a CLI
 * update that moves a status line is the most common way state detection breaks; each set
 * has tests over screens recorded from that release (fixtures/<agent>-<version>/).
 */
export interface ScreenPattern {
  /** A regular expression source, matched per line (flags "u", plus "i" when `ignoreCase`). */
  pattern: string;
  ignoreCase?: boolean;
  /** Only look at the last N non-empty lines of the screen (status lines live there). */
  lastLines?: number;
}

export interface ScreenRuleSet {
  agent: string;
  /** The CLI versions these rules were recorded against, e.g. "2.1.x". */
  version: string;
  /** Checked in this order; the first state with a matching pattern wins. */
  states: Array<{ state: Exclude<AgentState, 'exited' | 'starting'>; any: ScreenPattern[] }>;
  /** For `waiting`: the line holding the question, and the numbered choices. */
  question?: ScreenPattern;
  /** Must capture (1) the key and (2) the label of a numbered choice. */
  choice?: ScreenPattern;
  /** Window titles (OSC 0/2) that show a state; the first matching entry wins. */
  titles?: Array<{ state: 'busy' | 'idle'; pattern: string }>;
}

export interface ScreenReading {
  state: Exclude<AgentState, 'exited' | 'starting'>;
  waiting: WaitingInfo | null;
  /** The id of the rule that matched ("<state>#<index>"), for the UI and tests. */
  rule: string;
}

const compiled = new Map<string, RegExp>();
function regex(p: ScreenPattern): RegExp {
  const key = `${p.ignoreCase === true ? 'i' : ''}/${p.pattern}`;
  let re = compiled.get(key);
  if (re === undefined) {
    re = new RegExp(p.pattern, p.ignoreCase === true ? 'iu' : 'u');
    compiled.set(key, re);
  }
  return re;
}

function linesFor(lines: readonly string[], p: ScreenPattern): readonly string[] {
  if (p.lastLines === undefined) return lines;
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  return nonEmpty.slice(-p.lastLines);
}

function firstMatch(lines: readonly string[], p: ScreenPattern): RegExpExecArray | null {
  const re = regex(p);
  for (const line of linesFor(lines, p)) {
    const m = re.exec(line);
    if (m !== null) return m;
  }
  return null;
}

/** Reads the state a screen shows, or null when no rule matches (no opinion). */
export function readScreen(text: string, rules: ScreenRuleSet): ScreenReading | null {
  const lines = text.split('\n');
  for (const entry of rules.states) {
    const index = entry.any.findIndex((p) => firstMatch(lines, p) !== null);
    if (index < 0) continue;
    return {
      state: entry.state,
      waiting: entry.state === 'waiting' ? readWaiting(lines, rules) : null,
      rule: `${entry.state}#${index}`,
    };
  }
  return null;
}

function readWaiting(lines: readonly string[], rules: ScreenRuleSet): WaitingInfo {
  // The last question on the screen is the open one (an answered one may still be above),
  // and its choices are the numbered lines under it: a numbered list in the file preview
  // above the question is not a choice.
  const at = rules.question === undefined ? -1 : lastMatchIndex(lines, rules.question);
  const q = at < 0 || rules.question === undefined ? null : regex(rules.question).exec(lines[at] ?? '');
  const choices: PromptChoice[] = [];
  if (rules.choice !== undefined) {
    const re = regex(rules.choice);
    for (const line of at < 0 ? linesFor(lines, rules.choice) : lines.slice(at + 1)) {
      const m = re.exec(line);
      if (m?.[1] !== undefined && m[2] !== undefined && !choices.some((c) => c.key === m[1])) {
        choices.push({ key: m[1], label: m[2].trim() });
      }
    }
  }
  const question = (q?.[1] ?? q?.[0] ?? '').trim();
  return { kind: choices.length > 0 ? 'permission' : 'answer', question, choices };
}

/** The index in `lines` of the last line the pattern matches (within its lastLines), or -1. */
function lastMatchIndex(lines: readonly string[], p: ScreenPattern): number {
  const re = regex(p);
  let nonEmpty = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    if (p.lastLines !== undefined && ++nonEmpty > p.lastLines) break;
    if (re.test(line)) return i;
  }
  return -1;
}

/** Reads the state a window title shows, or null. */
export function readTitle(title: string, rules: ScreenRuleSet): 'busy' | 'idle' | null {
  if (title === '' || rules.titles === undefined) return null;
  for (const t of rules.titles) if (regex({ pattern: t.pattern }).test(title)) return t.state;
  return null;
}

/** The last non-empty line of a screen that is not frame decoration, for DAG nodes. */
export function lastMeaningfulLine(text: string, skip: readonly RegExp[] = []): string {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = (lines[i] ?? '').replace(/[│╭╮╰╯─┌┐└┘━]+/gu, ' ').trim();
    if (line.length < 2 || skip.some((re) => re.test(line))) continue;
    return line.length > 160 ? `${line.slice(0, 157)}...` : line;
  }
  return '';
}

/** Status-bar chrome that says nothing about the work ("? for shortcuts"). */
export const STATUS_CHROME: readonly RegExp[] = [
  /^\? for shortcuts/,
  /esc to (interrupt|cancel)/i,
  /^[>❯]\s*$/,
  /bypass permissions|accept edits on/i,
  /^⎿\s+Tip:/,
  // The spinner line ("✻ Sautéing… (6s · ↓ 233 tokens)") changes many times a second.
  /^\S\s+\p{L}+…/u,
  /^[╌─━\s]+$/,
  // In a narrow pane the reasoning effort ("● high · /effort") wraps onto a line of its
  // own, and the status hint is cut ("· esc to i…").
  /^\S\s+\p{L}+\s+·\s+\/effort$/u,
  /·\s*esc\b[^·]*…$/,
];

