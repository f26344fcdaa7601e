/**
 * The context a child task inherits from its parent: a short summary of what the parent was
 * asked and where its files are, put before the child's own prompt. Pure.
 */
export interface ParentContext {
  name: string;
  prompt: string;
  workspacePath: string | null;
  files: readonly string[];
}

const MAX_PARENT_PROMPT = 1500;
/** Starts the inherited part of a child's prompt (the scripted model ignores what follows). */
export const CONTEXT_HEADING = 'Context from the parent task';
const MAX_FILES = 40;

export function childPrompt(parent: ParentContext, prompt: string): string {
  const asked = parent.prompt.length > MAX_PARENT_PROMPT ? `${parent.prompt.slice(0, MAX_PARENT_PROMPT)}…` : parent.prompt;
  // The child's own task leads: it is what the agent must act on; the parent's context follows.
  const lines = [`Your task: ${prompt}`, '', `${CONTEXT_HEADING} "${parent.name}": it was asked: ${oneLine(asked)}`];
  if (parent.workspacePath !== null) {
    const shown = parent.files.slice(0, MAX_FILES);
    const more = parent.files.length > shown.length ? ` (and ${parent.files.length - shown.length} more)` : '';
    lines.push(`The parent works in ${parent.workspacePath}${shown.length > 0 ? `; its files: ${shown.join(', ')}${more}` : ''}.`);
  }
  return lines.join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A task's display name: its first line, shortened. */
export function taskName(prompt: string, max = 60): string {
  const first = (prompt.split('\n').find((l) => l.trim() !== '') ?? prompt).trim();
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}
