import type { InterruptKey } from '../../protocol/session';

/** Agent CLIs stop a turn on ESC (Ctrl-C would quit them); everything else is a shell or
 * a plain program, where Ctrl-C is the interrupt. Matched on the command's basename. */
const ESC_INTERRUPT_COMMANDS = new Set(['claude', 'codex', 'gemini', 'aider']);

export function defaultInterruptKey(command: string): InterruptKey {
  const base = command.split('/').pop() ?? command;
  return ESC_INTERRUPT_COMMANDS.has(base) ? 'esc' : 'ctrl-c';
}

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/**
 * The bytes that type `text` into a program. A terminal sends Enter as CR, so newlines
 * become `\r`; multi-line text is wrapped as a bracketed paste when the program enabled
 * that mode (so an editor or agent takes it as one paste, not as lines to run). Any paste
 * markers inside the text are removed so it cannot end the paste early.
 */
export function encodeInjection(text: string, bracketedPasteMode: boolean): string {
  const normalized = text.replace(/\r?\n/g, '\r');
  const multiLine = normalized.includes('\r');
  if (multiLine && bracketedPasteMode) {
    return PASTE_START + normalized.split(PASTE_START).join('').split(PASTE_END).join('') + PASTE_END;
  }
  return normalized;
}
