import type { Result } from '../../../protocol/result';
import type { TaskInfo, TaskState } from '../../../protocol/task';
import { afterAll, beforeAll } from 'vitest';
import { rawRequest, startTestConsole, TEST_TOKEN, waitFor, type RawResponse, type TestConsole } from '../../transport/test-console';

export type TaskApi = ReturnType<typeof taskApi>;

/**
 * One real console for a whole test file: started before its tests, stopped after them.
 * `api` may be built at once (it reaches the console when called); `console` is there from
 * the first test on.
 */
export function consoleForFile(env: Record<string, string> = {}, files: Record<string, string> = {}): { readonly console: TestConsole; readonly api: TaskApi } {
  let started: TestConsole | undefined;
  const get = (): TestConsole => {
    if (started === undefined) throw new Error('the test console is not started yet (use it inside a test or hook)');
    return started;
  };
  beforeAll(async () => {
    started = await startTestConsole(env, files);
  });
  afterAll(async () => {
    await started?.stop();
  });
  return { get console() { return get(); }, api: taskApi(get) };
}

/** A REST client for task tests against a real console (startTestConsole), or a getter of one. */
export function taskApi(target: TestConsole | (() => TestConsole)) {
  const consoleOf = typeof target === 'function' ? target : () => target;
  const call = (method: string, path: string, body?: unknown): Promise<RawResponse> =>
    rawRequest({
      port: consoleOf().port,
      method,
      path,
      headers: {
        host: consoleOf().hostHeader,
        authorization: `Bearer ${TEST_TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const value = async <T>(pending: Promise<RawResponse>): Promise<T> => {
    const res = await pending;
    const result = res.json as Result<T>;
    if (!result.ok) throw new Error(`${res.status} ${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  const task = (id: string): Promise<TaskInfo> => value<TaskInfo>(call('GET', `/api/tasks/${id}`));
  return {
    call,
    value,
    task,
    /** Waits until the task is in one of `states` (and `also` holds); returns it. */
    waitState: async (id: string, states: TaskState | TaskState[], timeoutMs = 20_000, also: (t: TaskInfo) => boolean = () => true) => {
      const want = Array.isArray(states) ? states : [states];
      let last: TaskInfo | undefined;
      try {
        return await waitFor(
          async () => {
            last = await task(id);
            return want.includes(last.state) && also(last) ? last : undefined;
          },
          timeoutMs,
          `task ${id} to be ${want.join('/')}`,
        );
      } catch (error) {
        // What the task was doing when the wait gave up: a flaky wait is then diagnosable.
        const seen = last === undefined ? 'never read' : `last ${last.state} (agent ${last.status?.state ?? '-'} via ${last.status?.signal ?? '-'}, turns ${last.usage.turns}, line "${last.status?.lastLine ?? ''}", verification ${last.verification?.state ?? '-'}${last.error === null ? '' : `, error ${last.error.code}: ${last.error.message}`})`;
        throw new Error(`${error instanceof Error ? error.message : String(error)}; ${seen}`);
      }
    },
    screen: (sessionId: string) => call('GET', `/api/sessions/${sessionId}/screen?format=text`).then((r) => r.text),
    errorCode: (res: RawResponse): string => {
      const r = res.json as Result<unknown>;
      return r.ok ? 'ok' : r.error.code;
    },
  };
}

/** Every prompt given so far was delivered: none queued, and the last one is not still being
 * typed (a prompt in flight is reported as the last receipt, `typed`). */
export function delivered(t: TaskInfo): boolean {
  return t.queue.length === 0 && t.receipts.length > 0 && t.receipts.at(-1)?.status !== 'typed';
}
