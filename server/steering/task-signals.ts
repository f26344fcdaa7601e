import type { TaskId, TaskInfo } from '../../protocol/task';
import type { ErrorSeen } from './rule-types';
import { errorLines } from './text-signals';

/**
 * What the rules read about a task beyond its TaskInfo, gathered as it runs: the error
 * lines it has hit (from its turns' text and failed tool calls), and since when its last
 * screen line has stayed the same.
 */
export class TaskSignals {
  private readonly errors = new Map<TaskId, Map<string, ErrorSeen>>();
  private readonly quietSince = new Map<TaskId, { line: string; since: number }>();

  constructor(private readonly now: () => number) {}

  /** Counts the error lines of a turn's text. */
  noteText(taskId: TaskId, text: string): void {
    const seen = this.errors.get(taskId) ?? new Map<string, ErrorSeen>();
    for (const { key, line } of errorLines(text)) {
      const prev = seen.get(key);
      seen.set(key, { count: (prev?.count ?? 0) + 1, sample: line, at: this.now() });
    }
    this.errors.set(taskId, seen);
  }

  /** A failed tool call (Claude's PostToolUse with an error response) counts as an error;
   * returns true when this hook was one. */
  noteHook(taskId: TaskId, payload: Record<string, unknown>): boolean {
    const event = payload['hook_event_name'];
    if (event !== 'PostToolUse' && event !== 'PostToolUseFailure') return false;
    const response = payload['tool_response'];
    const text = typeof response === 'string' ? response : JSON.stringify(response ?? '');
    if (event !== 'PostToolUseFailure' && !/"(?:is_error|isError)":\s*true|"stderr":\s*"[^"]/.test(text)) return false;
    this.noteText(taskId, text.replace(/\\n/g, '\n'));
    return true;
  }

  /** The task changed: its quiet time restarts when its last line did. */
  noteUpdate(task: TaskInfo): void {
    const q = this.quietSince.get(task.id);
    const line = task.status?.lastLine ?? '';
    if (q === undefined || q.line !== line) this.quietSince.set(task.id, { line, since: this.now() });
  }

  errorsOf(taskId: TaskId): Map<string, ErrorSeen> {
    return this.errors.get(taskId) ?? new Map();
  }

  quietSinceOf(taskId: TaskId): number {
    return this.quietSince.get(taskId)?.since ?? this.now();
  }

  forget(taskId: TaskId): void {
    this.errors.delete(taskId);
    this.quietSince.delete(taskId);
  }
}
