import type { SessionId } from '../../protocol/ids';

/**
 * The size a browser last fitted a task's pane to, for the next task's agent to start at.
 * Task panes in the dashboard's grid share one size, so the latest is the best guess (the
 * same rule as for a session watched by several browsers: the latest active viewer wins).
 * Shell panes lack the task line and prompt box, so only task panes count.
 */
export class PaneSizeHint {
  private size: { cols: number; rows: number } | null = null;

  constructor(private readonly isTaskSession: (id: SessionId) => boolean) {}

  /** A browser fitted a session's pane (session:resize). */
  fitted(id: SessionId, cols: number, rows: number): void {
    if (this.isTaskSession(id)) this.size = { cols, rows };
  }

  current(): { cols: number; rows: number } | null {
    return this.size;
  }
}
