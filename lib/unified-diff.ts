/**
 * A unified diff (as `git diff` prints it) split into files and lines for the diff view,
 * with line numbers on both sides. Tolerant by design: the server may truncate the diff
 * mid-hunk, and a line we do not recognise is kept as context rather than dropped, so
 * the view never hides part of what changed.
 */
export type DiffLineKind = 'add' | 'del' | 'context' | 'hunk' | 'meta';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
  /** Line number in the old file (del, context), else null. */
  oldNo: number | null;
  /** Line number in the new file (add, context), else null. */
  newNo: number | null;
}

export interface DiffFile {
  /** The new path, or the old one for a deleted file. */
  path: string;
  oldPath: string | null;
  change: 'added' | 'modified' | 'deleted' | 'renamed';
  binary: boolean;
  additions: number;
  deletions: number;
  lines: DiffLine[];
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export function parseUnifiedDiff(diff: string): DiffFile[] {
  const files: DiffFile[] = [];
  let file: DiffFile | null = null;
  let oldNo = 0;
  let newNo = 0;
  // Lines the current hunk still has on each side: when both reach 0 the hunk is over,
  // so a following "--- " line is the next file's header, not a deleted "-- " line.
  let oldLeft = 0;
  let newLeft = 0;
  let inHunk = false;
  /** A "diff --git" header was read and its "--- " line has not come yet. */
  let awaitingOld = false;

  const start = (path: string, oldPath: string | null): DiffFile => {
    const f: DiffFile = { path, oldPath, change: 'modified', binary: false, additions: 0, deletions: 0, lines: [] };
    files.push(f);
    inHunk = false;
    awaitingOld = false;
    return f;
  };

  for (const raw of diff.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('diff --git ')) {
      const m = /^diff --git a\/(.+) b\/(.+)$/.exec(line);
      file = start(m?.[2] ?? line.slice(11), m?.[1] ?? null);
      awaitingOld = true;
      continue;
    }
    if (!inHunk && line.startsWith('--- ')) {
      // A diff without "diff --git" headers (plain `diff -u`) starts its file here.
      const old = stripPrefix(line.slice(4));
      if (!file || !awaitingOld) file = start(old ?? '', old);
      else file.oldPath = old;
      awaitingOld = false;
      if (old === null) file.change = 'added';
      continue;
    }
    if (!file) continue;
    if (!inHunk && line.startsWith('+++ ')) {
      const next = stripPrefix(line.slice(4));
      if (next === null) file.change = 'deleted';
      else file.path = next;
      if (file.change === 'deleted' && file.oldPath) file.path = file.oldPath;
      continue;
    }
    const hunk = HUNK.exec(line);
    if (hunk) {
      oldNo = Number(hunk[1]);
      newNo = Number(hunk[3]);
      oldLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      newLeft = hunk[4] === undefined ? 1 : Number(hunk[4]);
      inHunk = oldLeft + newLeft > 0;
      file.lines.push({ kind: 'hunk', text: line, oldNo: null, newNo: null });
      continue;
    }
    if (!inHunk) {
      if (line.startsWith('new file')) file.change = 'added';
      else if (line.startsWith('deleted file')) file.change = 'deleted';
      else if (line.startsWith('rename from')) file.change = 'renamed';
      else if (line.startsWith('Binary files')) file.binary = true;
      if (line.length > 0) file.lines.push({ kind: 'meta', text: line, oldNo: null, newNo: null });
      continue;
    }
    if (line.startsWith('+')) {
      file.additions++;
      newLeft--;
      file.lines.push({ kind: 'add', text: line.slice(1), oldNo: null, newNo: newNo++ });
    } else if (line.startsWith('-')) {
      file.deletions++;
      oldLeft--;
      file.lines.push({ kind: 'del', text: line.slice(1), oldNo: oldNo++, newNo: null });
    } else if (line.startsWith('\\')) {
      file.lines.push({ kind: 'meta', text: line, oldNo: null, newNo: null });
    } else {
      // A context line ("" when an editor stripped its leading space).
      oldLeft--;
      newLeft--;
      file.lines.push({ kind: 'context', text: line.slice(1), oldNo: oldNo++, newNo: newNo++ });
    }
    if (oldLeft <= 0 && newLeft <= 0) inHunk = false;
  }
  return files;
}

const SIGN: Record<DiffLineKind, string> = { add: '+', del: '-', context: ' ', hunk: '', meta: '' };

/**
 * A line as the diff view prints it, with its +/- sign, in both the unified and the side by
 * side view: the sign says what the line is without relying on its colour.
 */
export function diffLineText(line: Pick<DiffLine, 'kind' | 'text'>): string {
  return `${SIGN[line.kind]}${line.text}`;
}

/** "a/src/x.ts" → "src/x.ts"; "/dev/null" → null (the file did not exist on that side). */
function stripPrefix(path: string): string | null {
  const p = path.split('\t')[0] ?? path;
  if (p === '/dev/null') return null;
  return p.replace(/^[ab]\//, '');
}

/**
 * Side-by-side rows: context on both sides, and each run of deletions paired with the run
 * of additions that follows it, so a changed line sits next to what replaced it.
 */
export interface SplitRow {
  left: DiffLine | null;
  right: DiffLine | null;
}

export function splitRows(lines: readonly DiffLine[]): SplitRow[] {
  const rows: SplitRow[] = [];
  let dels: DiffLine[] = [];
  let adds: DiffLine[] = [];
  const flush = (): void => {
    for (let i = 0; i < Math.max(dels.length, adds.length); i++) rows.push({ left: dels[i] ?? null, right: adds[i] ?? null });
    dels = [];
    adds = [];
  };
  for (const l of lines) {
    if (l.kind === 'del') {
      if (adds.length > 0) flush();
      dels.push(l);
    } else if (l.kind === 'add') {
      adds.push(l);
    } else {
      flush();
      rows.push({ left: l, right: l });
    }
  }
  flush();
  return rows;
}
