import type { IncomingMessage, ServerResponse } from 'node:http';
import { err } from '../../protocol/result';
import { parseTaskId } from '../../protocol/task';
import { isHostAllowed, type AllowLists } from '../security/allow-lists';
import type { TaskService } from '../tasks/task-service';
import { readJsonBody, sendResult } from './http-io';

/**
 * POST /api/agent-hooks/:taskId — where the hooks of the Claude instances the console
 * started report. They cannot hold the console's access token (it would be readable by the
 * agent), so each task has its own secret, sent in `x-axiom-hook-secret`. The endpoint is
 * still loopback-only by Host, refuses any browser (an Origin header), and takes small bodies.
 */
export const AGENT_HOOKS_PREFIX = '/api/agent-hooks/';
const MAX_HOOK_BODY = 256 * 1024;

export async function handleAgentHook(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: { tasks: TaskService; lists: AllowLists; path: string },
): Promise<void> {
  const host = Array.isArray(req.headers.host) ? req.headers.host[0] : req.headers.host;
  if (!isHostAllowed(ctx.lists, host)) return sendResult(res, err('refused:host', 'this Host is not allowed'));
  if (req.headers.origin !== undefined) return sendResult(res, err('refused:origin', 'hooks are not for browsers'));
  if (req.method !== 'POST') return sendResult(res, err('invalid:payload', 'use POST'), 200, { Allow: 'POST' });
  const id = parseTaskId(ctx.path.slice(AGENT_HOOKS_PREFIX.length));
  const secret = req.headers['x-axiom-hook-secret'];
  if (id === undefined || typeof secret !== 'string') {
    return sendResult(res, err('refused:hook-secret', 'unknown task or wrong hook secret'));
  }
  const body = await readJsonBody(req, { maxBytes: MAX_HOOK_BODY });
  if (!body.ok) return sendResult(res, body, 200, body.error.code === 'too_large:payload' ? { Connection: 'close' } : {});
  const payload = body.value;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return sendResult(res, err('invalid:payload', 'a hook body is a JSON object'));
  }
  sendResult(res, ctx.tasks.hook(id, secret, payload as Record<string, unknown>));
}
