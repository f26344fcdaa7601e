import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionId } from '../../protocol/ids';
import { FINAL_TASK_STATES } from '../../protocol/task';
import { childPrompt } from './context-summary';
import type { TaskRecord, TaskServiceOptions } from './task-service-types';
import { listFiles, prepareWorkspace } from './workspace';

/** The session layer refused to start the agent's process (a retry may succeed). A
 * WorkspaceError (workspace.ts) is the other failure: retrying would not help. */
export class SpawnFailure extends Error {}

export type LaunchOptions = Pick<TaskServiceOptions, 'host' | 'dataDir' | 'origin' | 'model' | 'mcp' | 'paneSize'>;

/** With no browser's pane size to go by: a roomy terminal. */
const DEFAULT_PANE_SIZE = { cols: 120, rows: 34 };

/**
 * One spawn attempt of a task's agent: its workspace (kept from an earlier attempt), the
 * adapter's command line, then the session. Returns the new session's id, or null when
 * the task ended while the launch was under way (nothing was started). Throws on failure.
 */
export async function launchTaskAgent(rec: TaskRecord, parent: TaskRecord | undefined, options: LaunchOptions): Promise<SessionId | null> {
  const { info } = rec;
  info.workspace ??= await prepareWorkspace({ taskId: info.id, mode: rec.request.workspace, cwd: rec.request.cwd ?? null, dataDir: options.dataDir });
  const spec = await rec.adapter.launch({
    cwd: info.workspace.path,
    prompt: rec.adapter.initialPrompt === 'arg' ? await effectivePrompt(rec, parent) : null,
    agentDir: await ensureAgentDir(options.dataDir, info.id),
    hookUrl: `${options.origin()}/api/agent-hooks/${info.id}`,
    hookSecret: rec.hookSecret.toString('hex'),
    permissionMode: rec.request.permissionMode,
    command: rec.request.command ?? null,
    args: rec.request.args ?? [],
    model: options.model(),
    mcp: options.mcp?.(info.id) ?? null,
  });
  if (FINAL_TASK_STATES.has(info.state)) return null;
  // Started at the size its pane will have: an agent CLI resized a moment after it drew its
  // first screen redraws it, and the first drawing, reflowed, stays above as broken lines.
  const { cols, rows } = options.paneSize?.() ?? DEFAULT_PANE_SIZE;
  const created = await options.host.request({
    type: 'create',
    input: { command: spec.command, args: spec.args, cwd: info.workspace.path, env: spec.env, name: info.name, cols, rows, interruptKey: rec.adapter.interruptKey },
  });
  if (!created.ok) throw new SpawnFailure(created.error.message);
  return created.value.id;
}

/** The prompt the agent gets: a child that inherits context is told about its parent's
 * task and workspace first (context-summary.ts). */
export async function effectivePrompt(rec: TaskRecord, parent: TaskRecord | undefined): Promise<string> {
  if (parent === undefined || !rec.request.inheritContext || rec.adapter.kind === 'shell') return rec.info.prompt;
  const files = parent.info.workspace === null ? [] : await listFiles(parent.info.workspace.path);
  return childPrompt({ name: parent.info.name, prompt: parent.info.prompt, workspacePath: parent.info.workspace?.path ?? null, files }, rec.info.prompt);
}

/** The agent's private folder (hook secret, MCP config, settings), owner-only. */
export function agentDirOf(dataDir: string, id: string): string {
  return join(dataDir, 'agents', id);
}

async function ensureAgentDir(dataDir: string, id: string): Promise<string> {
  const dir = agentDirOf(dataDir, id);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}
