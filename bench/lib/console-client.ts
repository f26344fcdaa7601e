import type { CreateSessionInput, SessionInfo } from '../../protocol/session';
import type { Result } from '../../protocol/result';

/** The REST API as a script uses it: Bearer token, no Origin. */
export class ConsoleClient {
  constructor(readonly url: string, readonly token: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const parsed = (await res.json()) as Result<T>;
    if (!parsed.ok) throw new Error(`${method} ${path}: ${parsed.error.code} ${parsed.error.message}`);
    return parsed.value;
  }

  create(input: CreateSessionInput): Promise<SessionInfo> {
    return this.call('POST', '/api/sessions', input);
  }
  get(id: string): Promise<SessionInfo> {
    return this.call('GET', `/api/sessions/${id}`);
  }
  list(): Promise<SessionInfo[]> {
    return this.call('GET', '/api/sessions');
  }
  screen(id: string): Promise<{ text: string }> {
    return this.call('GET', `/api/sessions/${id}/screen`);
  }
  input(id: string, data: string): Promise<null> {
    return this.call('POST', `/api/sessions/${id}/input`, { data });
  }
  remove(id: string): Promise<null> {
    return this.call('DELETE', `/api/sessions/${id}`);
  }
  async removeAll(): Promise<void> {
    for (const s of await this.list()) await this.remove(s.id);
  }
}
