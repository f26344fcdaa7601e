import { createSessionInputSchema, interruptKeySchema, type CreateSessionInput } from '../protocol/session';
import { parseArgs } from './parse-args';

/** The new-session dialog's fields, as typed. */
export interface SessionForm {
  command: string;
  /** Shell-like: space-separated, quotes allowed (see parseArgs). */
  args: string;
  cwd: string;
  name: string;
  /** '' for the command's default. */
  interruptKey: string;
}

export type SessionFormResult = { ok: true; input: CreateSessionInput } | { ok: false; message: string };

/**
 * Turns the form into a `session:create` payload and checks it with the protocol's own schema
 * (the one the server parses with), so the browser refuses early with a message that names
 * the field, and never keeps a second copy of the limits.
 */
export function sessionInputFromForm(form: SessionForm): SessionFormResult {
  const command = form.command.trim();
  if (command === '') return { ok: false, message: 'command: required' };
  const args = parseArgs(form.args);
  if (!args.ok) return { ok: false, message: `args: ${args.message}` };
  const input: CreateSessionInput = { command, args: args.args };
  if (form.cwd.trim()) input.cwd = form.cwd.trim();
  if (form.name.trim()) input.name = form.name.trim();
  const key = interruptKeySchema.safeParse(form.interruptKey);
  if (key.success) input.interruptKey = key.data;
  const checked = createSessionInputSchema.safeParse(input);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = issue?.path[0] ?? 'input';
    return { ok: false, message: `${String(field)}: ${issue?.message ?? 'not valid'}` };
  }
  return { ok: true, input };
}
