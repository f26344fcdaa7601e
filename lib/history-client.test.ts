import { describe, expect, it } from 'vitest';
import { fetchResult, fetchText, HistoryFetchError } from './history-client';

const answer = (status: number, body: string, type = 'application/json'): typeof fetch =>
  async () => new Response(body, { status, headers: { 'content-type': type } });

describe('fetchResult', () => {
  it('returns the value of an ok Result', async () => {
    await expect(fetchResult<number[]>('/api/x', { fetchFn: answer(200, '{"ok":true,"value":[1,2]}') })).resolves.toEqual([1, 2]);
  });

  it("says the server's error in words, with the HTTP status", async () => {
    const failing = fetchResult('/api/x', { fetchFn: answer(404, '{"ok":false,"error":{"code":"not_found:task","message":"no such task in the history"}}') });
    await expect(failing).rejects.toThrow('That task no longer exists: no such task in the history');
    await expect(failing).rejects.toMatchObject({ status: 404 });
  });

  it('reports the HTTP status, not a JSON parse error, when something else answered', async () => {
    const html = fetchResult('/api/x', { fetchFn: answer(502, '<html>Bad Gateway</html>', 'text/html') });
    await expect(html).rejects.toBeInstanceOf(HistoryFetchError);
    await expect(html).rejects.toThrow('The console answered HTTP 502 without a readable reply');
    await expect(fetchResult('/api/x', { fetchFn: answer(200, '[1]') })).rejects.toThrow(/HTTP 200 without a readable reply/);
  });
});

describe('fetchText', () => {
  it('returns the text, or the error in words with the status (404 means no recording)', async () => {
    await expect(fetchText('/r.cast', { fetchFn: answer(200, 'cast', 'text/plain') })).resolves.toBe('cast');
    const missing = fetchText('/r.cast', { fetchFn: answer(404, '{"ok":false,"error":{"code":"not_found:recording","message":"no such recording"}}') });
    await expect(missing).rejects.toMatchObject({ status: 404, message: 'No recording: no such recording' });
    await expect(fetchText('/r.cast', { fetchFn: answer(500, 'oops', 'text/plain') })).rejects.toThrow('HTTP 500');
  });
});
