/**
 * Splits the "args" field of the new-session dialog like a simple shell would:
 * whitespace separates; 'single quotes' keep everything literally; "double quotes"
 * keep spaces and honour \" and \\; a backslash outside quotes escapes the next
 * character. No variables, globs or substitutions: the server spawns without a shell.
 */
export type ParseArgsResult = { ok: true; args: string[] } | { ok: false; message: string };

export function parseArgs(input: string): ParseArgsResult {
  const args: string[] = [];
  let current = '';
  let inArg = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charAt(i);
    if (quote === "'") {
      if (ch === "'") quote = null;
      else current += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && (input[i + 1] === '"' || input[i + 1] === '\\')) current += input.charAt(++i);
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inArg = true;
    } else if (ch === '\\' && i + 1 < input.length) {
      current += input.charAt(++i);
      inArg = true;
    } else if (/\s/.test(ch)) {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else {
      current += ch;
      inArg = true;
    }
  }
  if (quote) return { ok: false, message: `unterminated ${quote === '"' ? 'double' : 'single'} quote` };
  if (inArg) args.push(current);
  return { ok: true, args };
}
