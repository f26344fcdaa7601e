import type { Result } from '../protocol/result';
import type { ConsoleAddress } from './console-locator';
import { CliError, EXIT, exitForCode } from './exit-codes';

/**
 * The REST calls the CLI makes, with the console's bearer token. Every failure becomes a
 * CliError carrying the exit code: unreachable (4), not found (3), other refusals (1).
 */
export class ApiClient {
  constructor(readonly address: ConsoleAddress) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.raw(method, path, body);
    const text = await res.text();
    let result: Result<T>;
    try {
      result = JSON.parse(text) as Result<T>;
    } catch {
      // Not JSON: something else answers on that port (or a proxy error page).
      throw new CliError(`unexpected reply from ${this.address.origin}${path} (HTTP ${res.status})`, EXIT.error);
    }
    if (!result.ok) throw new CliError(`${result.error.code}: ${result.error.message}`, exitForCode(result.error.code));
    return result.value;
  }

  async raw(method: string, path: string, body?: unknown): Promise<Response> {
    try {
      return await fetch(`${this.address.origin}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.address.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new CliError(`console unreachable at ${this.address.origin} (${cause})`, EXIT.unreachable);
    }
  }
}
