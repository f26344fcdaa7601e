/** Modes a program may leave on that would confuse the next one: leave the alternate
 * screen, reset colours, turn off bracketed paste, mouse reporting and application cursor
 * keys, show the cursor. */
const RESTART_RESET = '\x1b[0m\x1b[?1049l\x1b[?2004l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1l\x1b[?25h';

/**
 * Written into the session's stream on restart, through the normal output path, so the
 * mirror and every viewer see the same reset and the same dim marker line.
 */
export function restartMarker(generation: number): Uint8Array {
  return new TextEncoder().encode(`${RESTART_RESET}\r\n\x1b[2m── restarted (generation ${generation}) ──\x1b[0m\r\n`);
}
