import type { ErrorCode } from '../protocol/result';
import type { ClientError, CommandError } from './commands';

/**
 * What a failed command means to the person who clicked, in words. The server's message says
 * what exactly (it is written for people: internal details go to its log); the headline says
 * what kind of failure it is and, where there is one, what to do. Keyed by the protocol's
 * closed union of codes, so a new code cannot reach the dashboard without a headline.
 */
const HEADLINES: Record<ErrorCode | ClientError['code'], string> = {
  'invalid:payload': 'The console refused the request',
  'invalid:json': 'The console refused the request',
  'too_large:payload': 'Too large to send',
  'not_found:session': 'That session no longer exists',
  'not_found:route': 'Not found',
  'not_found:task': 'That task no longer exists',
  'not_found:suggestion': 'That suggestion no longer exists',
  'not_found:recording': 'No recording',
  'refused:session-exited': 'The session has exited',
  'refused:session-limit': 'Too many sessions are running; close one first',
  'refused:task-ended': 'The task has ended',
  'refused:suggestion-resolved': 'Already decided',
  'refused:not-waiting': 'The agent is no longer waiting',
  'refused:hook-secret': 'Not allowed',
  'refused:unauthorized': 'Signed out (open the console link with its token again)',
  'refused:origin': 'Blocked (this page is not on an allowed origin)',
  'refused:host': 'Blocked (this address is not an allowed host)',
  'refused:rate-limit': 'Too many requests; wait a moment and retry',
  'refused:scope': 'Not allowed',
  'failed:spawn': 'Could not start the process',
  'failed:timeout': 'The console gave up waiting',
  'failed:workspace': 'Could not prepare the workspace',
  'failed:internal': 'The console hit an internal error',
  'offline:client': 'Not connected to the console; retry once it reconnects',
  'timeout:client': 'No answer from the console; it may be busy, retry in a moment',
};

/** "The session has exited: session s-abc has exited" → the headline and the server's detail. */
export function errorText(error: CommandError): string {
  // A code this build does not know (a newer server, or a body we only cast): still words.
  const headline = (HEADLINES as Partial<Record<string, string>>)[error.code] ?? 'The request failed';
  // Our own two failures have no detail beyond the headline.
  if (error.code === 'offline:client' || error.code === 'timeout:client') return headline;
  const detail = error.message.trim();
  return detail === '' || detail.toLowerCase() === headline.toLowerCase() ? headline : `${headline}: ${detail}`;
}
