import { describe, expect, it } from 'vitest';
import { readRequest, type RequestFacts } from './request-reading';
import { DEFAULT_REPLY, SIDE_REPLY, SLOW_DELTAS, SLOW_PACE_MS, SPAWN_TOOL, chooseTurn, type ScriptedTurn } from './scenarios';
import { chunkText, turnFrames } from './sse-frames';

const CWD = '/tmp/project';
const SYSTEM = [{ type: 'text', text: `You are Claude Code.\n<env>\nWorking directory: ${CWD}\nIs directory a git repo: No\n</env>` }];
const TOOLS = [{ name: 'Write' }, { name: 'Bash' }];
const REMINDER = { type: 'text', text: '<system-reminder>\nwrite:nope.txt slow fail\n</system-reminder>\n' };

function user(...content: unknown[]): unknown {
  return { role: 'user', content };
}
function toolResult(id: string): unknown {
  return { type: 'tool_result', tool_use_id: id, content: 'ok' };
}
function request(messages: unknown[], extra: Record<string, unknown> = {}): RequestFacts {
  return readRequest({ model: 'claude-test', stream: true, system: SYSTEM, tools: TOOLS, messages, ...extra });
}
function textOf(turn: ScriptedTurn): string {
  return turn.blocks.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

describe('readRequest', () => {
  it('takes the prompt without system reminders, the cwd, tools and stream flag', () => {
    const facts = request([user(REMINDER, { type: 'text', text: 'please write:a.txt' })]);
    expect(facts).toMatchObject({ prompt: 'please write:a.txt', toolRounds: 0, cwd: CWD, toolNames: ['Write', 'Bash'], stream: true, model: 'claude-test' });
  });

  it('counts tool rounds after the latest prompt, not before it', () => {
    const assistant = { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Write', input: {} }] };
    const facts = request([user({ type: 'text', text: 'old' }), assistant, user(toolResult('t1')), user({ type: 'text', text: 'bash:ls' }), assistant, user(toolResult('t2'), REMINDER)]);
    expect(facts.prompt).toBe('bash:ls');
    expect(facts.toolRounds).toBe(1);
  });

  it('treats a prompt sent after a denied tool (same message as its result) as a new prompt', () => {
    const facts = request([
      user({ type: 'text', text: 'write:a.txt' }),
      user(toolResult('t1'), { type: 'text', text: '[Request interrupted by user for tool use]\n' }, { type: 'text', text: 'write:b.txt' }),
    ]);
    expect(facts).toMatchObject({ prompt: 'write:b.txt', toolRounds: 0 });
  });

  it('uses the newest text block when a failed prompt and a new one share a message', () => {
    expect(request([user({ type: 'text', text: 'fail' }, { type: 'text', text: 'plan it' })]).prompt).toBe('plan it');
  });

  it('reads string content, a missing cwd and a json_schema output format', () => {
    const facts = readRequest({
      messages: [{ role: 'user', content: 'hi' }],
      output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: { title: { type: 'string' }, n: { type: 'number' } } } } },
    });
    expect(facts).toMatchObject({ prompt: 'hi', cwd: null, toolNames: [], stream: false, jsonKeys: ['title'] });
    expect(readRequest('garbage').prompt).toBe('');
  });
});

describe('chooseTurn', () => {
  it('answers a plain prompt with the default reply', () => {
    const c = chooseTurn(request([user({ type: 'text', text: 'hello' })]));
    expect(c.scenario).toBe('default');
    expect(textOf(c.turn)).toBe(DEFAULT_REPLY);
  });

  it('answers side requests (no tools) with a title, as JSON when a schema asks for it', () => {
    expect(textOf(chooseTurn(request([user({ type: 'text', text: 'write:x' })], { tools: [] })).turn)).toBe(SIDE_REPLY);
    const json = chooseTurn(request([user({ type: 'text', text: 'x' })], { tools: [], output_config: { format: { type: 'json_schema', schema: { properties: { title: { type: 'string' } } } } } }));
    expect(JSON.parse(textOf(json.turn))).toEqual({ title: SIDE_REPLY });
  });

  it('write: a Write tool_use with an absolute path in the cwd, then a closing text', () => {
    const first = chooseTurn(request([user({ type: 'text', text: 'please write:notes/hello.txt' })]));
    expect(first.scenario).toBe('write');
    const tool = first.turn.blocks.find((b) => b.type === 'tool_use');
    expect(tool).toMatchObject({ name: 'Write', input: { file_path: `${CWD}/notes/hello.txt` } });
    const second = chooseTurn(request([user({ type: 'text', text: 'write:notes/hello.txt' }), user(toolResult('t'))]));
    expect(textOf(second.turn)).toBe('Wrote notes/hello.txt.');
    // Past the script: a closing text, so a looping CLI always ends.
    const third = chooseTurn(request([user({ type: 'text', text: 'write:n' }), user(toolResult('a')), user(toolResult('b'))]));
    expect(third.turn.blocks.every((b) => b.type === 'text')).toBe(true);
  });

  it('write: keeps the path relative when the cwd is unknown', () => {
    const facts = readRequest({ tools: TOOLS, messages: [{ role: 'user', content: 'write:a.txt' }] });
    expect(chooseTurn(facts).turn.blocks[1]).toMatchObject({ input: { file_path: 'a.txt' } });
  });

  it('bash: a Bash tool_use with command and description', () => {
    const c = chooseTurn(request([user({ type: 'text', text: 'bash:echo hi > out.txt' })]));
    expect(c.turn.blocks[1]).toEqual({ type: 'tool_use', name: 'Bash', input: { command: 'echo hi > out.txt', description: 'Run the requested command' } });
  });

  it('think:<s> with write:<path> thinks first, then writes', () => {
    const c = chooseTurn(request([user({ type: 'text', text: 'Research for a while (think:1.5), then write:NOTES.md' })]));
    expect(c.scenario).toBe('write');
    expect(c.turn.thinkMs).toBe(1500);
    expect(c.turn.blocks[1]).toMatchObject({ type: 'tool_use', name: 'Write', input: { file_path: `${CWD}/NOTES.md` } });
    expect(chooseTurn(request([user({ type: 'text', text: 'write:a.txt' })])).turn.thinkMs).toBeUndefined();
  });

  it('think, slow, fail and plan', () => {
    expect(chooseTurn(request([user({ type: 'text', text: 'think:2.5' })])).turn.thinkMs).toBe(2500);
    const slow = chooseTurn(request([user({ type: 'text', text: 'go slow please' })])).turn.blocks[0];
    expect(slow?.type === 'text' && slow.paceMs).toBe(SLOW_PACE_MS);
    expect(slow?.type === 'text' && chunkText(slow.text, slow.chunkChars ?? 1).length).toBe(SLOW_DELTAS);
    expect(chooseTurn(request([user({ type: 'text', text: 'fail' })])).turn.error).toMatchObject({ httpStatus: 529, errorType: 'overloaded_error' });
    const plan = chooseTurn(request([user({ type: 'text', text: 'plan' })]));
    expect(textOf(plan.turn)).toContain('TODO: implement later');
    expect(plan.turn.blocks.some((b) => b.type === 'tool_use')).toBe(false);
  });

  it('spawn-children: two spawn tool calls only when the tool is offered', () => {
    const without = chooseTurn(request([user({ type: 'text', text: 'spawn-children' })]));
    expect(without.turn.blocks.some((b) => b.type === 'tool_use')).toBe(false);
    const withTool = chooseTurn(request([user({ type: 'text', text: 'spawn-children' })], { tools: [...TOOLS, { name: SPAWN_TOOL }] }));
    const calls = withTool.turn.blocks.filter((b) => b.type === 'tool_use');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ name: SPAWN_TOOL, input: { prompt: expect.stringContaining('child one') } });
  });
});

describe('turnFrames', () => {
  const opts = { model: 'm', messageId: 'msg_1', frameDelayMs: 5 };

  it('streams a text turn in the Messages API event order', () => {
    const frames = turnFrames({ blocks: [{ type: 'text', text: 'abcdefghijklmnopqrstuvwxyz' }] }, opts);
    const events = frames.map((f) => f.event);
    expect(events[0]).toBe('message_start');
    expect(events.slice(1, 2)).toEqual(['content_block_start']);
    expect(events.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(frames.every((f) => f.data.type === f.event)).toBe(true);
    const text = frames.filter((f) => f.event === 'content_block_delta').map((f) => (f.data.delta as { text: string }).text).join('');
    expect(text).toBe('abcdefghijklmnopqrstuvwxyz');
    expect((frames.at(-2)?.data.delta as { stop_reason: string }).stop_reason).toBe('end_turn');
  });

  it('streams tool input as input_json_delta and stops with tool_use', () => {
    const input = { file_path: '/x/y.txt', content: 'a'.repeat(100) };
    const frames = turnFrames({ blocks: [{ type: 'tool_use', name: 'Write', input }] }, opts);
    const json = frames.filter((f) => f.event === 'content_block_delta').map((f) => (f.data.delta as { partial_json: string }).partial_json).join('');
    expect(JSON.parse(json)).toEqual(input);
    expect((frames.at(-2)?.data.delta as { stop_reason: string }).stop_reason).toBe('tool_use');
  });

  it('holds a thinking turn open with pings, and turns an error into an error event', () => {
    const pings = turnFrames({ thinkMs: 12_000, blocks: [] }, opts).filter((f) => f.event === 'ping');
    expect(pings.reduce((s, f) => s + f.delayMs, 0)).toBe(12_000);
    const err = turnFrames({ blocks: [], error: { via: 'stream', httpStatus: 529, errorType: 'overloaded_error', message: 'x' } }, opts);
    expect(err.map((f) => f.event)).toEqual(['message_start', 'error']);
  });
});
