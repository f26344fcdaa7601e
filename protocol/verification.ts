/**
 * Verification: a task is "verified" only when its workspace changed as required and its
 * check passed — never because the agent says so.
 */
export const VERIFICATION_STATES = ['pending', 'checking', 'verified', 'needs-work'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

export interface FileChange {
  path: string;
  change: 'added' | 'modified' | 'deleted';
  additions: number;
  deletions: number;
}

export interface CheckRun {
  command: string;
  /** The visible PTY the check ran in. */
  sessionId: string | null;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  /** The last lines of its output. */
  outputTail: string;
}

/** The proof shown on a task and returned by GET /api/tasks/:id/proof. */
export interface Proof {
  taskId: string;
  state: VerificationState;
  /** Why, in one line ("2 files changed, check passed", "no file changed", "check failed (exit 1)"). */
  reason: string;
  files: FileChange[];
  diffStat: { files: number; additions: number; deletions: number };
  check: CheckRun | null;
  /** Which verification round (1 + retries with feedback). */
  attempt: number;
  at: number;
}

/** The summary a TaskInfo carries. */
export interface VerificationSummary {
  state: VerificationState;
  reason: string;
  attempt: number;
  /** Retries with feedback the user allowed, and how many were used. */
  retriesAllowed: number;
  retriesUsed: number;
}
