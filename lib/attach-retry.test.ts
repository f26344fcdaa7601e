import { describe, expect, it } from 'vitest';
import { ATTACH_RETRY, AttachRetry } from './attach-retry';

describe('AttachRetry', () => {
  it('retries a transient failure with a doubling delay up to the cap, and starts over after a success', () => {
    const retry = new AttachRetry();
    const internal = { code: 'failed:internal', message: 'the pty host is restarting' } as const;
    const delays = Array.from({ length: 7 }, () => retry.failed(internal));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(Math.max(...(delays as number[]))).toBe(ATTACH_RETRY.maxDelayMs);
    retry.succeeded();
    expect(retry.failed(internal)).toBe(ATTACH_RETRY.firstDelayMs);
  });

  it('does not retry a session that no longer exists', () => {
    expect(new AttachRetry().failed({ code: 'not_found:session', message: 'no session s-x' })).toBeNull();
  });
});
