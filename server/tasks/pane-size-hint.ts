import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-file';
import type { SessionId } from '../../protocol/ids';
import { resizeSchema } from '../../protocol/session';

export interface PaneSize {
  cols: number;
  rows: number;
}

// The protocol's own limits for a size, as a browser's resize is checked.
const paneSizeSchema = resizeSchema.pick({ cols: true, rows: true });

/** In the data folder. */
export const PANE_SIZE_FILE = 'pane-size.json';

/** A window being dragged fits panes many times a second: the file gets the last size. */
const SAVE_AFTER_MS = 500;

/**
 * The size a browser last fitted a task's pane to, for the next task's agent to start at.
 * Task panes in the dashboard's grid share one size, so the latest is the best guess (the
 * same rule as for a session watched by several browsers: the latest active viewer wins).
 * Shell panes lack the task line and prompt box, so only task panes count.
 *
 * Kept in `file` across restarts: the demo's agents start before any browser is open, and
 * at a default size they drew their first screen at 120 columns and redrew it at the
 * pane's; the first drawing stayed above as broken lines. A hint, so a missing or bad file
 * is no hint, never an error.
 */
export class PaneSizeHint {
  private size: PaneSize | null;
  private saveTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly isTaskSession: (id: SessionId) => boolean,
    private readonly file?: string,
  ) {
    this.size = file === undefined ? null : readSize(file);
  }

  /** A browser fitted a session's pane (session:resize). */
  fitted(id: SessionId, cols: number, rows: number): void {
    if (!this.isTaskSession(id) || (this.size?.cols === cols && this.size.rows === rows)) return;
    this.size = { cols, rows };
    if (this.file === undefined || this.saveTimer !== null) return;
    this.saveTimer = setTimeout(() => this.save(), SAVE_AFTER_MS);
    this.saveTimer.unref();
  }

  current(): PaneSize | null {
    return this.size;
  }

  /** Writes a pending size now (on shutdown). */
  flush(): void {
    if (this.saveTimer !== null) this.save();
  }

  private save(): void {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.file === undefined || this.size === null) return;
    try {
      writeFileAtomic(this.file, `${JSON.stringify(this.size)}\n`);
    } catch {
      // A hint that could not be kept: the next start uses the default size.
    }
  }
}

function readSize(file: string): PaneSize | null {
  try {
    const parsed = paneSizeSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
