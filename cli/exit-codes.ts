/**
 * What `axiom` exits with, so scripts can tell failures apart.
 */
export const EXIT = {
  ok: 0,
  /** The console refused or failed the request (a refusal, a server error). */
  error: 1,
  /** Wrong command line. */
  usage: 2,
  /** The task (or session, route) does not exist. */
  notFound: 3,
  /** No console: no URL/token found, or nothing answers at the URL. */
  unreachable: 4,
  /** `axiom wait --timeout`: the time was up first. */
  timeout: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure that ends the command with a given exit code and a one-line message. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

/** Exit code for an error code from the console (`kind:surface`). */
export function exitForCode(code: string): ExitCode {
  return code.startsWith('not_found:') ? EXIT.notFound : EXIT.error;
}
