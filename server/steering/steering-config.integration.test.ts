import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { consoleSocketOptions } from '../../protocol/socket-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events';
import type { Result } from '../../protocol/result';
import type { SteeringConfig, Suggestion } from '../../protocol/steering';
import type { TaskCreated } from '../../protocol/task';
import { claudeCommand } from '../agents/adapters/claude';
import { taskApi } from '../tasks/testing/task-api';
import { startTestConsole, TEST_TOKEN, waitFor, type TestConsole } from '../transport/test-console';
import { DEFAULT_STEERING_CONFIG } from './steering-config';

/**
 * The rules' settings changed while the console runs: over REST and the socket, checked,
 * in force for the next turn of a running agent, written to steering.json and read back by
 * the next console started on that file.
 */
type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
let c: TestConsole;
let api: ReturnType<typeof taskApi>;
const consoles: TestConsole[] = [];

beforeAll(async () => {
  c = await startTestConsole({ AXIOM_AGENT_MODEL: 'scripted' });
  consoles.push(c);
  api = taskApi(c);
});
afterAll(async () => {
  for (const x of consoles) await x.stop();
});

const getConfig = (on = api) => on.value<SteeringConfig>(on.call('GET', '/api/steering/config'));
const putConfig = (body: unknown) => api.call('PUT', '/api/steering/config', body);
const suggestions = (taskId: string) => api.value<Suggestion[]>(api.call('GET', `/api/suggestions?taskId=${taskId}&state=open,snoozed,accepted,dismissed`));

describe('steering config over REST', () => {
  it('reads the defaults, refuses bad changes with invalid:payload, and leaves the config as it was', async () => {
    expect(await getConfig()).toEqual(DEFAULT_STEERING_CONFIG);
    const bad = [
      { 'no-such-rule': { enabled: false } },
      { 'repeated-error': { thresholds: { repeats: -1 } } },
      { 'repeated-error': { thresholds: { times: 2 } } },
      { 'todo-stubs': { message: 'x'.repeat(2001) } },
      { 'todo-stubs': { enabled: 'no' } },
    ];
    for (const body of bad) {
      const res = await putConfig(body);
      expect(res.status).toBe(400);
      expect(api.errorCode(res)).toBe('invalid:payload');
    }
    expect(await getConfig()).toEqual(DEFAULT_STEERING_CONFIG);
  });

  it('over the socket too: set-config answers the new config, and every client hears config-updated', async () => {
    const socket: ClientSocket = connect(c.origin, { ...consoleSocketOptions(TEST_TOKEN), reconnection: false, forceNew: true });
    try {
      const heard = new Promise<SteeringConfig>((resolve) => socket.once('steering:config-updated', resolve));
      const reply = await new Promise<Result<SteeringConfig>>((resolve) => socket.emit('steering:set-config', { 'repeated-error': { thresholds: { repeats: 4 } } }, resolve));
      expect(reply.ok && reply.value['repeated-error'].thresholds).toEqual({ repeats: 4 });
      expect((await heard)['repeated-error'].thresholds).toEqual({ repeats: 4 });
      const bad = await new Promise<Result<SteeringConfig>>((resolve) => socket.emit('steering:set-config', { 'nope': {} } as never, resolve));
      expect(!bad.ok && bad.error.code).toBe('invalid:payload');
      const read = await new Promise<Result<SteeringConfig>>((resolve) => socket.emit('steering:config', resolve));
      expect(read.ok && read.value['repeated-error'].thresholds.repeats).toBe(4);
    } finally {
      socket.disconnect();
    }
    expect(api.errorCode(await putConfig({ 'repeated-error': { thresholds: { repeats: 3 } } }))).toBe('ok');
  });
});

describe.skipIf(claudeCommand() === null)('a rule turned off from the API, with the real Claude Code CLI', () => {
  it('raises nothing for a planning turn while off, again once on; the file keeps it across a restart', async () => {
    const put = await api.value<SteeringConfig>(putConfig({ 'planning-without-code': { enabled: false, message: 'Code, not plans: {task}.' } }));
    expect(put['planning-without-code']).toMatchObject({ enabled: false, message: 'Code, not plans: {task}.' });

    const t = await api.value<TaskCreated>(api.call('POST', '/api/tasks', { prompt: 'plan the work', agent: 'claude', permissionMode: 'acceptEdits' }));
    // The rules run right after the verdict; give a late evaluation a moment to show up.
    await waitFor(async () => ((await api.task(t.id)).verification?.state === 'needs-work' ? true : undefined), 90_000, 'the planning turn to be judged');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await suggestions(t.id)).map((s) => s.rule)).not.toContain('planning-without-code');

    const file = join(c.dataDir, 'steering.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = readFileSync(file, 'utf8');
    expect(JSON.parse(saved)).toEqual({ 'planning-without-code': { enabled: false, message: 'Code, not plans: {task}.' } });

    // Live the other way: back on, the same agent's next planning turn is caught, with the new message.
    await api.value(putConfig({ 'planning-without-code': { enabled: true } }));
    await api.value(api.call('POST', `/api/tasks/${t.id}/prompt`, { text: 'plan the work' }));
    const s = await waitFor(async () => (await suggestions(t.id)).find((x) => x.rule === 'planning-without-code'), 90_000, 'the planning suggestion');
    expect(s.message).toMatch(/^Code, not plans: /);
    await api.call('POST', `/api/tasks/${t.id}/stop`, {});

    // A restart: a new console reading the file this one wrote.
    const next = await startTestConsole({ AXIOM_AGENT_MODEL: 'scripted' }, { 'steering.json': saved });
    consoles.push(next);
    const after = await getConfig(taskApi(next));
    expect(after['planning-without-code']).toEqual({ ...DEFAULT_STEERING_CONFIG['planning-without-code'], enabled: false, message: 'Code, not plans: {task}.' });
    expect(after['todo-stubs']).toEqual(DEFAULT_STEERING_CONFIG['todo-stubs']);
  }, 240_000);
});
