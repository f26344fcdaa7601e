import type { WaitingInfo } from '../../protocol/agent';

/**
 * What a Claude Code hook payload says about the agent's state. Pure. The payload is the
 * JSON the CLI pipes to each hook command (hook_event_name, session_id, transcript_path,
 * and per-event fields such as tool_name or message).
 */
export type HookReading =
  | { kind: 'state'; state: 'busy' | 'idle' | 'waiting'; waiting: WaitingInfo | null; submitted: boolean }
  | { kind: 'ignore' };

export interface HookFacts {
  event: string;
  transcriptPath: string | null;
  claudeSessionId: string | null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

export function hookFacts(payload: Record<string, unknown>): HookFacts {
  return {
    event: str(payload['hook_event_name']) ?? 'unknown',
    transcriptPath: str(payload['transcript_path']),
    claudeSessionId: str(payload['session_id']),
  };
}

export function readHook(payload: Record<string, unknown>): HookReading {
  const event = str(payload['hook_event_name']);
  switch (event) {
    case 'UserPromptSubmit':
      return { kind: 'state', state: 'busy', waiting: null, submitted: true };
    case 'PreToolUse':
    case 'PostToolUse':
      return { kind: 'state', state: 'busy', waiting: null, submitted: false };
    case 'Stop':
    case 'StopFailure':
      return { kind: 'state', state: 'idle', waiting: null, submitted: false };
    case 'PermissionRequest': {
      // Fires a fraction of a second after the prompt shows (Notification only ~6 s later).
      const tool = str(payload['tool_name']) ?? 'a tool';
      return {
        kind: 'state',
        state: 'waiting',
        waiting: { kind: 'permission', question: `Claude wants to use ${tool}`, choices: [] },
        submitted: false,
      };
    }
    // Notification ("Claude needs your permission") comes about 6 s after the prompt shows,
    // often after a person already answered it: it would reopen a closed question.
    // PermissionRequest (and the screen) report the question as it appears.
    default:
      return { kind: 'ignore' };
  }
}
