import type { InterruptOutcome, PromptReceipt } from '../protocol/agent';
import type { TaskCreated, TaskInfo } from '../protocol/task';
import type { ApiClient } from './api-client';
import type { ParsedArgs } from './args';
import { CliError, EXIT } from './exit-codes';
import { verificationState, verificationTitle } from '../lib/steering-format';
import { ago, keyValues, table } from './table';

/**
 * The commands that are one REST call each: spawn, ls, status, send, interrupt, approve,
 * export. Each returns the text to print (a table, or JSON with --json).
 */
export type Print = (text: string) => void;

export interface CommandContext {
  api: ApiClient;
  args: ParsedArgs;
  print: Print;
}

const json = (ctx: CommandContext): boolean => ctx.args.options.has('json');
const arg = (ctx: CommandContext, i: number): string => ctx.args.positionals[i] ?? '';

export async function spawn(ctx: CommandContext): Promise<void> {
  const o = ctx.args.options;
  const body = {
    prompt: arg(ctx, 0),
    ...(o.has('agent') ? { agent: o.get('agent') } : {}),
    ...(o.has('parent') ? { parentId: o.get('parent') } : {}),
    ...(o.has('cwd') ? { cwd: o.get('cwd') } : {}),
    ...(o.has('check') ? { check: o.get('check') } : {}),
    ...(o.has('name') ? { name: o.get('name') } : {}),
  };
  const created = await ctx.api.call<TaskCreated>('POST', '/api/tasks', body);
  // Just the id by default: `ID=$(axiom spawn "…")` is the common use.
  ctx.print(json(ctx) ? JSON.stringify(created) : created.id);
}

export async function ls(ctx: CommandContext): Promise<void> {
  const state = ctx.args.options.get('state');
  const shown = await ctx.api.call<TaskInfo[]>('GET', `/api/tasks${state === undefined ? '' : `?state=${encodeURIComponent(state)}`}`);
  if (json(ctx)) return ctx.print(JSON.stringify(shown));
  const now = Date.now();
  const rows = shown.map((t) => [t.id, t.state, verifiedCell(t), t.agent, t.parentId ?? '-', ago(t.createdAt, now), t.name, nowCell(t)]);
  ctx.print(rows.length === 0 ? 'no tasks' : table(['ID', 'STATE', 'VERIFIED', 'AGENT', 'PARENT', 'AGE', 'NAME', 'LAST LINE'], rows, 40));
}

/** What a person needs from a task at a glance: the question of a waiting agent (its last
 * screen line is only the last of the numbered choices, "3. No"), else its last line. */
export function nowCell(t: Pick<TaskInfo, 'state' | 'status'>): string {
  const question = t.state === 'waiting' ? t.status?.waiting?.question : undefined;
  return question ? `asks: ${question}` : (t.status?.lastLine ?? '');
}

/** The console's verdict, never the agent's word (as the dashboard's badge reads it):
 * '-' when there is nothing to verify. */
function verifiedCell(t: TaskInfo): string {
  return verificationState(t) ?? '-';
}

function verificationLine(t: TaskInfo): string {
  const state = verificationState(t);
  return state === null ? '-' : `${state}: ${verificationTitle(t)}`;
}

export async function status(ctx: CommandContext): Promise<void> {
  const t = await ctx.api.call<TaskInfo>('GET', `/api/tasks/${encodeURIComponent(arg(ctx, 0))}`);
  if (json(ctx)) return ctx.print(JSON.stringify(t, null, 2));
  const waiting = t.status?.waiting;
  ctx.print(
    keyValues([
      ['id', t.id],
      ['name', t.name],
      ['agent', t.agent],
      ['state', `${t.state}${t.status === null ? '' : ` (from ${t.status.signal})`}`],
      ['parent', t.parentId ?? '-'],
      ['children', t.children.join(', ') || '-'],
      ['session', t.sessionId ?? '-'],
      ['workspace', t.workspace?.path ?? '-'],
      ['verification', verificationLine(t)],
      ['last line', t.status?.lastLine ?? ''],
      ...(waiting == null ? [] : [['waiting for', `${waiting.question} [${waiting.choices.map((c) => `${c.key}. ${c.label}`).join(' | ')}]`] as const]),
      ['queued prompts', String(t.queue.length)],
      ...(t.error === null ? [] : [['error', `${t.error.code}: ${t.error.message}`] as const]),
      ...(t.status?.exitCode == null ? [] : [['exit code', String(t.status.exitCode)] as const]),
    ]),
  );
}

export async function send(ctx: CommandContext): Promise<void> {
  const mode = ctx.args.options.has('now') ? 'now' : 'queue';
  const receipt = await ctx.api.call<PromptReceipt>('POST', `/api/tasks/${encodeURIComponent(arg(ctx, 0))}/prompt`, { text: arg(ctx, 1), mode });
  ctx.print(json(ctx) ? JSON.stringify(receipt) : `${receipt.status}${receipt.reason === null ? '' : `: ${receipt.reason}`}`);
}

export async function interrupt(ctx: CommandContext): Promise<void> {
  const subtree = ctx.args.options.has('subtree');
  const outcomes = await ctx.api.call<InterruptOutcome[]>('POST', `/api/tasks/${encodeURIComponent(arg(ctx, 0))}/interrupt`, { subtree });
  if (json(ctx)) return ctx.print(JSON.stringify(outcomes));
  ctx.print(outcomes.map((o) => `${o.outcome} (${o.keys.join(', ') || 'no key'}, ${o.ms} ms)`).join('\n'));
}

export async function approve(ctx: CommandContext): Promise<void> {
  const choice = ctx.args.options.get('choice') ?? 'yes';
  if (!['yes', 'yes-all', 'no'].includes(choice)) throw new CliError('--choice is yes, yes-all or no', EXIT.usage);
  await ctx.api.call<null>('POST', `/api/tasks/${encodeURIComponent(arg(ctx, 0))}/approve`, { choice });
  ctx.print(json(ctx) ? JSON.stringify({ ok: true, choice }) : `answered ${choice}`);
}

/** Streams the events ledger (JSONL) to stdout as it arrives. */
export async function exportEvents(ctx: CommandContext, write: (chunk: Uint8Array) => Promise<void>): Promise<void> {
  const after = ctx.args.options.get('after');
  const res = await ctx.api.raw('GET', `/api/export.jsonl${after === undefined ? '' : `?afterSeq=${encodeURIComponent(after)}`}`);
  if (!res.ok || res.body === null) {
    throw new CliError(`export failed: HTTP ${res.status}`, res.status === 404 ? EXIT.notFound : EXIT.error);
  }
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    await write(value);
  }
}
