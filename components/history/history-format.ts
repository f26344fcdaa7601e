/** Formatting for the history page. */

/** "2026-11-21 13:05:09" in the viewer's time zone: sortable and unambiguous. */
export function formatDateTime(ms: number | null): string {
  if (ms === null) return '—';
  const d = new Date(ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** "13:05:09.412": events of one task are often milliseconds apart. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** A position in a recording: "0:07.3", "12:04.0", "1:02:03.5". */
export function formatOffset(seconds: number): string {
  const tenths = Math.max(0, Math.round(seconds * 10));
  const s = Math.floor(tenths / 10);
  const frac = tenths % 10;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}.${frac}` : `${m}:${sec}.${frac}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** One line of JSON for a timeline row; the full payload is one click away. */
export function compactJson(data: unknown, maxChars = 160): string {
  const text = JSON.stringify(data) ?? 'null';
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}
