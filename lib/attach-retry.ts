import type { WireError } from '../protocol/result';

/**
 * When a pane's attach fails, whether and when to ask again. A session that is gone stays
 * gone (its pane says so and is removed with it); anything else (the pty host restarting,
 * an internal error, a rate limit) is retried with a doubling delay, so a pane never stays
 * blank and silent until the next reconnect. Pure: the caller owns the timer.
 */
export const ATTACH_RETRY = { firstDelayMs: 500, maxDelayMs: 8000 } as const;

export class AttachRetry {
  private nextDelayMs: number = ATTACH_RETRY.firstDelayMs;

  /** The delay before the next attempt, or null when retrying cannot help. */
  failed(error: WireError): number | null {
    if (error.code === 'not_found:session') return null;
    const delay = this.nextDelayMs;
    this.nextDelayMs = Math.min(ATTACH_RETRY.maxDelayMs, delay * 2);
    return delay;
  }

  succeeded(): void {
    this.nextDelayMs = ATTACH_RETRY.firstDelayMs;
  }
}
