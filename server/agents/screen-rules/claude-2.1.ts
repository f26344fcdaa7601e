import type { ScreenRuleSet } from './screen-rule-set';

/**
 * Claude Code 2.1.x, recorded from 2.1.197 (fixtures/claude-2.1.197/). A permission prompt
 * reads "Do you want to create notes.txt?" over numbered choices; a running turn shows
 * "esc to interrupt" in its status line (cut short in a narrow pane) under a spinner line;
 * an idle composer shows "? for shortcuts" or, after the mode hint, "← for agents".
 */
export const CLAUDE_2_1: ScreenRuleSet = {
  agent: 'claude',
  version: '2.1.x',
  states: [
    {
      state: 'waiting',
      any: [
        { pattern: 'Do you want to (create|make this edit|proceed|overwrite|allow)', ignoreCase: true },
        { pattern: '^\\s*[❯>]?\\s*1\\.\\s+Yes\\b', lastLines: 12 },
      ],
    },
    {
      state: 'busy',
      any: [
        { pattern: 'esc to interrupt', ignoreCase: true, lastLines: 8 },
        // A narrow pane (the dashboard's grid gives an agent ~55 columns) cuts the status
        // line short: "⏵⏵ accept edits on (shift+tab to cycle) · esc to i…". Read as idle,
        // that flipped a long-thinking agent to idle mid-turn and verified it too early.
        { pattern: '·\\s*esc\\b[^·]*…\\s*$', lastLines: 3 },
        // The spinner line itself ("✢ Perambulating… (12s)"); a finished turn reads
        // "✻ Churned for 3s", without the ellipsis. Covers panes too narrow for any hint.
        { pattern: '^[·✢✳✶✻✽*]\\s+\\S+…', lastLines: 10 },
      ],
    },
    {
      state: 'idle',
      // Positive evidence only. The empty composer ("❯") is on screen in a running turn too;
      // read as idle, a tile of 45×6 (status hint cut off, spinner line above the screen)
      // turned a thinking agent idle and had it verified too early (busy-tiny and idle-tiny
      // are the same screen: there the screen has no opinion, the title and hooks decide).
      any: [
        { pattern: '\\? for shortcuts', lastLines: 6 },
        // "← for agents" follows "esc to interrupt" in a running turn, which the busy rule
        // reads first; right after the mode hint it is the idle status line, cut short in a
        // narrow pane: "← for ag…" at 55 columns, "← fo…" at 51 (idle-narrower).
        { pattern: '\\)\\s*·\\s*←', lastLines: 3 },
        // Typed text hides the hints: a composer holding text is an idle one being written.
        { pattern: '^\\s*[>❯]\\s+\\S', lastLines: 6 },
      ],
    },
  ],
  question: { pattern: '(Do you want to [^?]*\\?)', ignoreCase: true },
  // No space needed after the dot: a narrow pane draws a wrapped choice as "2.Yes, allow…".
  choice: { pattern: '^\\s*[│ ]*[❯>]?\\s*(\\d)\\.\\s*(.+?)\\s*│?\\s*$', lastLines: 16 },
  titles: [
    // A spinner glyph (braille or the star family) leads the title while a turn runs;
    // "✳ Claude Code" is the idle title.
    { state: 'idle', pattern: '^✳' },
    { state: 'busy', pattern: '^[⠀-⣿✢✶✻✽·*⏺◐◓◑◒]' },
  ],
};
