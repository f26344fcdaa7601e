import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedModel, type ScriptedModel } from './server';

let model: ScriptedModel;

beforeAll(async () => {
  model = await startScriptedModel({ frameDelayMs: 1 });
});

afterAll(async () => {
  await model.close();
});

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${model.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const tools = [{ name: 'Write' }];

describe('scripted model server', () => {
  it('binds to loopback and answers HEAD and GET', async () => {
    expect(model.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(model.url, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${model.url}/anything`)).status).toBe(200);
  });

  it('streams a scripted turn as SSE', async () => {
    const before = model.requestCount();
    const res = await post('/v1/messages?beta=true', { model: 'm', stream: true, tools, messages: [{ role: 'user', content: 'hello' }] });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const body = await res.text();
    const events = [...body.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
    expect(events[0]).toBe('message_start');
    expect(events.at(-1)).toBe('message_stop');
    expect(body).toContain('Hello from');
    expect(model.requestCount()).toBe(before + 1);
  });

  it('answers non-streaming requests with a message, count_tokens with a count', async () => {
    const res = await post('/v1/messages', { model: 'm', tools, messages: [{ role: 'user', content: 'hello' }] });
    const msg = (await res.json()) as { type: string; content: Array<{ text: string }> };
    expect(msg.type).toBe('message');
    expect(msg.content[0]?.text).toContain('Hello from');
    expect(await (await post('/v1/messages/count_tokens', {})).json()).toEqual({ input_tokens: 100 });
  });

  it('fails the fail scenario with an overloaded error', async () => {
    const res = await post('/v1/messages', { stream: true, tools, messages: [{ role: 'user', content: 'fail' }] });
    expect(res.status).toBe(529);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });

  it('stops streaming when the client goes away (an interrupted slow turn)', async () => {
    const res = await post('/v1/messages', { stream: true, tools, messages: [{ role: 'user', content: 'slow' }] });
    const reader = res.body?.getReader();
    const first = await reader?.read();
    expect(first?.done).toBe(false);
    await reader?.cancel();
    // The server is still healthy afterwards.
    expect((await fetch(model.url)).status).toBe(200);
  });
});
