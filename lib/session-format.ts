import type { SessionInfo } from '../protocol/session';

/** "running", "starting", "exited 0", "exited SIGKILL" (the pane-status test hook). */
export function statusText(info: Pick<SessionInfo, 'status' | 'exitCode' | 'signal'>): string {
  if (info.status !== 'exited') return info.status;
  if (info.signal) return `exited ${info.signal}`;
  if (info.exitCode !== null) return `exited ${info.exitCode}`;
  return 'exited';
}

export type StatusTone = 'ok' | 'warn' | 'idle' | 'bad';

/** Green running, amber starting, grey for a clean exit, red for a failure or a signal. */
export function statusTone(info: Pick<SessionInfo, 'status' | 'exitCode' | 'signal'>): StatusTone {
  if (info.status === 'running') return 'ok';
  if (info.status === 'starting') return 'warn';
  return info.exitCode === 0 && !info.signal ? 'idle' : 'bad';
}

export function sizeText(info: Pick<SessionInfo, 'cols' | 'rows'>): string {
  return `${info.cols}×${info.rows}`;
}

/** The command line as a user would type it, quoting args that need it. */
export function commandLine(info: Pick<SessionInfo, 'command' | 'args'>): string {
  const quote = (a: string): string => (a === '' || /[\s'"\\$`]/.test(a) ? `'${a.replaceAll("'", `'\\''`)}'` : a);
  return [info.command, ...info.args].map(quote).join(' ');
}

export function isLive(info: Pick<SessionInfo, 'status'>): boolean {
  return info.status !== 'exited';
}
