import type { AgentStatus } from '../../protocol/agent';

/**
 * Whether two statuses differ only in their last screen line (or not at all). The line
 * changes with every new line an agent prints; everything else changes a few times a turn,
 * and only those changes need to reach the store and every browser at once.
 */
export function sameStatusBesidesLine(a: AgentStatus, b: AgentStatus): boolean {
  return (
    a.state === b.state &&
    a.signal === b.signal &&
    a.exitCode === b.exitCode &&
    JSON.stringify(a.waiting) === JSON.stringify(b.waiting) &&
    JSON.stringify(a.disagreement) === JSON.stringify(b.disagreement)
  );
}
